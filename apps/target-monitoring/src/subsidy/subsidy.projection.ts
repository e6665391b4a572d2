import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type BudgetFigures,
  BudgetReleased,
  BudgetReserved,
  BudgetTotalChanged,
  type ClaimSnapshot,
  type EventDefinition,
  type EventEnvelope,
} from '@redmet/contracts';
import { unnestSpec } from '../common/unnest';
import { standingBudgets } from './budget-standing';

type ClaimEvent = EventEnvelope<
  ClaimSnapshot & { clawbackKopecks?: string; repaidKopecks?: string; refundedKopecks?: string }
>;

/** The events that state the total demanded as of their claim version (a reduction, a repayment, a settlement and a refund repeat it). */
const STATING_DEMAND = new Set([
  'ClaimClawbackDemanded',
  'ClaimClawbackReduced',
  'ClaimClawbackRepaid',
  'ClaimClawbackSettled',
  'ClaimClawbackRefunded',
]);
/** The events that carry the running total repaid (a settlement's demand is never more than it). */
const STATING_REPAID = new Set(['ClaimClawbackRepaid', 'ClaimClawbackReduced', 'ClaimClawbackRefunded']);
const demandOf = (e: ClaimEvent) => (STATING_DEMAND.has(e.type) ? (e.payload.clawbackKopecks ?? null) : null);

const CLAIM_TABLE_COLUMNS: [string, string, (e: ClaimEvent) => unknown][] = [
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
  [
    'clawback_repaid_kopecks',
    'bigint',
    (e) =>
      STATING_REPAID.has(e.type)
        ? (e.payload.repaidKopecks ?? null)
        : e.type === 'ClaimClawbackSettled'
          ? e.payload.clawbackKopecks
          : null,
  ],
  [
    'clawback_refunded_kopecks',
    'bigint',
    (e) => (e.type === 'ClaimClawbackRefunded' ? (e.payload.refundedKopecks ?? null) : null),
  ],
  ['report_ids', 'text', (e) => `{${e.payload.reportIds.join(',')}}`],
  ['version', 'int', (e) => e.payload.version],
  ['updated_at', 'timestamptz', (e) => e.occurredAt],
];
const CLAIM_COLUMNS = unnestSpec(CLAIM_TABLE_COLUMNS);
/** The claim's columns and the event's id: two events may state one version (a repayment and the settlement it makes). */
const CLAIM_EVENT_COLUMNS = unnestSpec<ClaimEvent>([...CLAIM_TABLE_COLUMNS, ['event_id', 'uuid', (e) => e.eventId]]);

/** What each claim version keeps in `subsidy_claim_version` (and the reports it cites), the summary as of a past day. */
const CLAIM_HISTORY = `claim_id, version, programme_year, state, approved_kopecks, paid_kopecks, clawback_demanded_kopecks,
  clawback_version, clawback_repaid_kopecks, clawback_refunded_kopecks, updated_at, event_id`;

/** The budget events, each applied as the figures it states (a reservation's claim and amount are not kept). */
export const BUDGET_EVENTS: EventDefinition<BudgetFigures>[] = [BudgetReserved, BudgetReleased, BudgetTotalChanged];

const BUDGET_COLUMNS = unnestSpec<EventEnvelope<BudgetFigures>>([
  ['programme_year', 'int', (e) => e.payload.programmeYear],
  ['total_kopecks', 'bigint', (e) => e.payload.totalKopecks],
  ['committed_kopecks', 'bigint', (e) => e.payload.committedKopecks],
  ['available_kopecks', 'bigint', (e) => e.payload.availableKopecks],
  ['utilisation_percent', 'numeric', (e) => e.payload.utilisationPercent],
  ['as_of', 'timestamptz', (e) => e.occurredAt],
  ['event_id', 'uuid', (e) => e.eventId],
  ['budget_version', 'bigint', (e) => e.payload.budgetVersion ?? null],
]);

/**
 * Claims keep their newest snapshot by version. The clawback amounts travel
 * only on their own event types: the demand is the one stated by the newest
 * claim version (it can come down); what was repaid and what was refunded
 * only grow (their events carry running totals), so the largest of each is
 * kept, and the money clawed back is the one less the other; all whatever
 * order the events come in. Every version and budget event is kept besides,
 * with its time (`subsidy_claim_version`, `subsidy_budget_version`), for the
 * summary as of a past day; a year's budget is decided from its kept events.
 */
@Injectable()
export class SubsidyProjection {
  async applyClaims(manager: EntityManager, events: ClaimEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `WITH t AS (SELECT * FROM unnest(${CLAIM_EVENT_COLUMNS.casts}) AS t(${CLAIM_EVENT_COLUMNS.names})),
       history AS (
         INSERT INTO subsidy_claim_version (${CLAIM_HISTORY}, report_ids)
         SELECT ${CLAIM_HISTORY}, report_ids::uuid[] FROM t ON CONFLICT DO NOTHING)
       INSERT INTO subsidy_claim AS c (${CLAIM_COLUMNS.names}, clawed_back_kopecks)
       SELECT DISTINCT ON (claim_id) claim_id, company_id, programme_year, period, state, requested_kopecks,
              approved_kopecks, paid_kopecks, first_value(clawback_demanded_kopecks) OVER newest_demand,
              max(clawback_version) OVER same_claim, max(clawback_repaid_kopecks) OVER same_claim,
              max(clawback_refunded_kopecks) OVER same_claim, report_ids::uuid[], version, updated_at,
              max(clawback_repaid_kopecks) OVER same_claim - coalesce(max(clawback_refunded_kopecks) OVER same_claim, 0)
         FROM t
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
         clawback_repaid_kopecks = greatest(excluded.clawback_repaid_kopecks, c.clawback_repaid_kopecks),
         clawback_refunded_kopecks = greatest(excluded.clawback_refunded_kopecks, c.clawback_refunded_kopecks),
         clawed_back_kopecks = greatest(excluded.clawback_repaid_kopecks, c.clawback_repaid_kopecks)
                               - coalesce(greatest(excluded.clawback_refunded_kopecks, c.clawback_refunded_kopecks), 0),
         version = greatest(c.version, excluded.version)`,
      CLAIM_EVENT_COLUMNS.arrays(events),
    );
  }

  /**
   * Each budget event states the whole budget (total and committed) as its
   * transaction left the year's row, so the row is the event that stands by
   * `standingBudgets`, decided again over the year's whole history: weighed
   * against only the row and the batch at hand, the outcome hung on the
   * order and batching of the events, and a rebuild could end on another
   * event than live consumption did. The history is written by a statement
   * of its own first, since a statement does not see the rows it inserts;
   * in the order the events came, which breaks the rule's ties.
   */
  async applyBudgets(manager: EntityManager, events: EventEnvelope<BudgetFigures>[]): Promise<number[]> {
    if (events.length === 0) return [];
    const years = [...new Set(events.map((event) => event.payload.programmeYear))].sort((a, b) => a - b);
    // A year's events share a partition, so one consumer applies them; the lock keeps the decision right
    // should two transactions ever meet on a year (each would decide without the other's event), in one
    // order so that they never wait on each other in a cycle.
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('target-monitoring:subsidy-budget'), year) FROM unnest($1::int[]) AS year`,
      [years],
    );
    await manager.query(
      `INSERT INTO subsidy_budget_version (${BUDGET_COLUMNS.names})
       SELECT ${BUDGET_COLUMNS.names}
         FROM unnest(${BUDGET_COLUMNS.casts}) WITH ORDINALITY AS t(${BUDGET_COLUMNS.names}, position)
        ORDER BY position
       ON CONFLICT DO NOTHING`,
      BUDGET_COLUMNS.arrays(events),
    );
    await restateBudgets(manager, years);
    return years;
  }
}

/** Sets each of `years`' budget rows to the event standing now. */
async function restateBudgets(manager: EntityManager, years: number[]): Promise<void> {
  await manager.query(
    `INSERT INTO subsidy_budget AS b (${BUDGET_COLUMNS.names})
     SELECT ${BUDGET_COLUMNS.names} FROM ${standingBudgets('$1::int[]')} standing
     ON CONFLICT (programme_year) DO UPDATE SET
       total_kopecks = excluded.total_kopecks, committed_kopecks = excluded.committed_kopecks,
       available_kopecks = excluded.available_kopecks, utilisation_percent = excluded.utilisation_percent,
       as_of = excluded.as_of, event_id = excluded.event_id, budget_version = excluded.budget_version
     WHERE b.event_id <> excluded.event_id`,
    [years],
  );
}
