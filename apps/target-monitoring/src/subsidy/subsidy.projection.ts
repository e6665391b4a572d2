import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BudgetChangePayload, ClaimSnapshot, EventEnvelope } from '@redmet/contracts';
import { unnestSpec } from '../common/unnest';

type ClaimEvent = EventEnvelope<ClaimSnapshot & { clawbackKopecks?: string; repaidKopecks?: string }>;

/** The events that state the total demanded as of their claim version (a reduction, a repayment and a settlement repeat it). */
const STATING_DEMAND = new Set([
  'ClaimClawbackDemanded',
  'ClaimClawbackReduced',
  'ClaimClawbackRepaid',
  'ClaimClawbackSettled',
]);
const demandOf = (e: ClaimEvent) => (STATING_DEMAND.has(e.type) ? (e.payload.clawbackKopecks ?? null) : null);

const CLAIM_COLUMNS = unnestSpec<ClaimEvent>([
  ['claim_id', 'uuid', (e) => e.payload.claimId],
  ['company_id', 'uuid', (e) => e.payload.companyId],
  ['programme_year', 'int', (e) => e.payload.programmeYear],
  ['period', 'text', (e) => e.payload.period],
  ['state', 'text', (e) => e.payload.state],
  ['requested_kopecks', 'bigint', (e) => e.payload.requestedKopecks],
  ['approved_kopecks', 'bigint', (e) => e.payload.approvedKopecks ?? null],
  ['paid_kopecks', 'bigint', (e) => e.payload.paidKopecks ?? null],
  ['clawback_demanded_kopecks', 'bigint', demandOf],
  ['clawback_version', 'int', (e) => (demandOf(e) === null ? null : e.payload.version)],
  // Repaid so far: a repayment and a reduction carry the running total; settlement the whole demand.
  [
    'clawed_back_kopecks',
    'bigint',
    (e) =>
      e.type === 'ClaimClawbackRepaid' || e.type === 'ClaimClawbackReduced'
        ? (e.payload.repaidKopecks ?? null)
        : e.type === 'ClaimClawbackSettled'
          ? e.payload.clawbackKopecks
          : null,
  ],
  ['report_ids', 'text', (e) => `{${e.payload.reportIds.join(',')}}`],
  ['version', 'int', (e) => e.payload.version],
  ['updated_at', 'timestamptz', (e) => e.occurredAt],
]);

const BUDGET_COLUMNS = unnestSpec<EventEnvelope<BudgetChangePayload>>([
  ['programme_year', 'int', (e) => e.payload.programmeYear],
  ['total_kopecks', 'bigint', (e) => e.payload.totalKopecks],
  ['committed_kopecks', 'bigint', (e) => e.payload.committedKopecks],
  ['available_kopecks', 'bigint', (e) => e.payload.availableKopecks],
  ['utilisation_percent', 'numeric', (e) => e.payload.utilisationPercent],
  ['as_of', 'timestamptz', (e) => e.occurredAt],
  ['event_id', 'uuid', (e) => e.eventId],
]);

/**
 * Claims keep their newest snapshot by version. The clawback amounts travel
 * only on their own event types: the demand is the one stated by the newest
 * claim version (it can come down), and what was repaid only grows (each
 * repayment carries the running total), so the largest is kept; both
 * whatever order the events come in.
 */
@Injectable()
export class SubsidyProjection {
  async applyClaims(manager: EntityManager, events: ClaimEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO subsidy_claim AS c (${CLAIM_COLUMNS.names})
       SELECT DISTINCT ON (claim_id) claim_id, company_id, programme_year, period, state, requested_kopecks,
              approved_kopecks, paid_kopecks, first_value(clawback_demanded_kopecks) OVER newest_demand,
              max(clawback_version) OVER same_claim, max(clawed_back_kopecks) OVER same_claim, report_ids::uuid[],
              version, updated_at
         FROM unnest(${CLAIM_COLUMNS.casts}) AS t(${CLAIM_COLUMNS.names})
       WINDOW same_claim AS (PARTITION BY claim_id),
              newest_demand AS (PARTITION BY claim_id ORDER BY clawback_version DESC NULLS LAST)
        ORDER BY claim_id, version DESC
       ON CONFLICT (claim_id) DO UPDATE SET
         company_id = CASE WHEN excluded.version > c.version THEN excluded.company_id ELSE c.company_id END,
         programme_year = CASE WHEN excluded.version > c.version THEN excluded.programme_year ELSE c.programme_year END,
         period = CASE WHEN excluded.version > c.version THEN excluded.period ELSE c.period END,
         state = CASE WHEN excluded.version > c.version THEN excluded.state ELSE c.state END,
         requested_kopecks = CASE WHEN excluded.version > c.version THEN excluded.requested_kopecks ELSE c.requested_kopecks END,
         approved_kopecks = CASE WHEN excluded.version > c.version THEN excluded.approved_kopecks ELSE c.approved_kopecks END,
         paid_kopecks = CASE WHEN excluded.version > c.version THEN excluded.paid_kopecks ELSE c.paid_kopecks END,
         report_ids = CASE WHEN excluded.version > c.version THEN excluded.report_ids ELSE c.report_ids END,
         updated_at = CASE WHEN excluded.version > c.version THEN excluded.updated_at ELSE c.updated_at END,
         clawback_demanded_kopecks = CASE WHEN excluded.clawback_version > coalesce(c.clawback_version, 0)
                                          THEN excluded.clawback_demanded_kopecks
                                          ELSE c.clawback_demanded_kopecks END,
         clawback_version = greatest(c.clawback_version, excluded.clawback_version),
         clawed_back_kopecks = greatest(excluded.clawed_back_kopecks, c.clawed_back_kopecks),
         version = greatest(c.version, excluded.version)`,
      CLAIM_COLUMNS.arrays(events),
    );
  }

  /**
   * A budget's events share the programme year as key and so arrive in order:
   * the latest by time wins, and of two at the same time the later to arrive.
   */
  async applyBudgets(manager: EntityManager, events: EventEnvelope<BudgetChangePayload>[]): Promise<number[]> {
    if (events.length === 0) return [];
    await manager.query(
      `INSERT INTO subsidy_budget AS b (${BUDGET_COLUMNS.names})
       SELECT DISTINCT ON (programme_year) ${BUDGET_COLUMNS.names}
         FROM unnest(${BUDGET_COLUMNS.casts}) WITH ORDINALITY AS t(${BUDGET_COLUMNS.names}, arrival)
        ORDER BY programme_year, as_of DESC, arrival DESC
       ON CONFLICT (programme_year) DO UPDATE SET
         total_kopecks = excluded.total_kopecks, committed_kopecks = excluded.committed_kopecks,
         available_kopecks = excluded.available_kopecks, utilisation_percent = excluded.utilisation_percent,
         as_of = excluded.as_of, event_id = excluded.event_id
       WHERE excluded.as_of >= b.as_of`,
      BUDGET_COLUMNS.arrays(events),
    );
    return [...new Set(events.map((event) => event.payload.programmeYear))];
  }
}
