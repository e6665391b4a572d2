import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ReportingObligation } from '@redmet/contracts';
import { lastDayOf, parseStatPeriod } from '../common/months';
import { unnestSpec } from '../common/unnest';

const MISSED_COLUMNS = unnestSpec<EventEnvelope<ReportingObligation>>([
  ['obligation_id', 'text', (event) => event.payload.obligationId],
  ['company_id', 'uuid', (event) => event.payload.companyId],
  ['facility_id', 'uuid', (event) => event.payload.facilityId ?? null],
  ['deposit_id', 'uuid', (event) => event.payload.depositId ?? null],
  ['site_id', 'uuid', (event) => event.payload.facilityId ?? event.payload.depositId ?? null],
  ['period', 'text', (event) => event.payload.period],
  ['period_start', 'date', (event) => monthsOwed(event.payload).start],
  ['period_end', 'date', (event) => monthsOwed(event.payload).end],
  ['due_on', 'date', (event) => event.payload.dueOn],
  ['missed_at', 'timestamptz', (event) => event.occurredAt],
]);

/**
 * The months the company owes: the whole period, or its share of a period in
 * which a plant changed operator (the first to the last of its months; a plant
 * that came back to it within one period is owed the months between too).
 */
function monthsOwed(obligation: ReportingObligation): { start: string; end: string } {
  if (!obligation.months?.length) return parseStatPeriod(obligation.period);
  const months = [...obligation.months].sort();
  return { start: months[0], end: lastDayOf(months[months.length - 1]) };
}

/** Obligations whose deadline passed unfiled; each is sent once, so the first copy is kept. */
@Injectable()
export class DeadlineProjection {
  async apply(manager: EntityManager, events: EventEnvelope<ReportingObligation>[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows: { obligation_id: string }[] = await manager.query(
      `INSERT INTO missed_deadline (${MISSED_COLUMNS.names}) SELECT * FROM unnest(${MISSED_COLUMNS.casts})
       ON CONFLICT DO NOTHING RETURNING obligation_id`,
      MISSED_COLUMNS.arrays(events),
    );
    return rows.map((row) => row.obligation_id);
  }
}
