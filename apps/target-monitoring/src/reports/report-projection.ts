import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ReportVersionSnapshot } from '@redmet/contracts';
import { applyToAggregates, type Move, recomputeAggregates } from './report-aggregates';
import { LINE_COLUMNS, linesOf, RECORD_VERSIONS, VERSION_COLUMNS } from './report-rows';

export type AcceptedEvent = EventEnvelope<ReportVersionSnapshot>;

/** A report whose current (latest accepted) version changed: what the alert rules look at. */
export interface ChangedReport {
  reportId: string;
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  siteId: string | null;
  period: string;
}

interface VersionRow {
  report_id: string;
  version: number;
  inserted: boolean;
}

/** What `record` did, for `aggregate` to finish. */
export interface RecordedReports {
  changed: ChangedReport[];
  moves: Move[];
}

/**
 * Applies accepted report versions, one from the live consumer or many from a
 * replay, in set-based statements. Every version is kept as facts known from
 * its acceptance until the next higher version's; the monthly aggregates hold
 * only the highest accepted version of each report, so an amendment replaces
 * and a late-arriving older version changes nothing but history.
 */
@Injectable()
export class ReportProjection {
  /** Versions and facts. The shared aggregates wait for `aggregate`. */
  async record(manager: EntityManager, events: AcceptedEvent[]): Promise<RecordedReports> {
    // A version accepted twice counts as first accepted (as the live consumer, one event at a time, would have it).
    const first = new Map<string, AcceptedEvent>();
    for (const event of events) if (!first.has(versionKey(event.payload))) first.set(versionKey(event.payload), event);
    const unique = [...first.values()];
    if (unique.length === 0) return { changed: [], moves: [] };
    const versions: VersionRow[] = await manager.query(RECORD_VERSIONS, [
      ...VERSION_COLUMNS.arrays(unique),
      ...LINE_COLUMNS.arrays(linesOf(unique)),
    ]);
    const inserted = new Set(
      versions
        .filter((row) => row.inserted)
        .map((row) => versionKey({ reportId: row.report_id, version: row.version })),
    );
    if (inserted.size === 0) return { changed: [], moves: [] };
    const fresh = unique.filter((event) => inserted.has(versionKey(event.payload)));
    const { moves, amended } = currentVersionMoves(versions, inserted);
    if (amended.length > 0) await closeSupersededFacts(manager, amended);
    const movedTo = new Set(moves.filter((move) => move.sign > 0).map((move) => `${move.reportId}:${move.version}`));
    const changed = fresh
      .filter((event) => movedTo.has(versionKey(event.payload)))
      .map((event) => changedReport(event.payload));
    return { changed, moves };
  }

  /**
   * Moves the recorded versions into the monthly aggregates. Every report of
   * a month and product updates the same aggregate row, so a consumer does this
   * last in its transaction, holding that row's lock as briefly as it can.
   */
  aggregate(manager: EntityManager, recorded: RecordedReports): Promise<void> {
    return applyToAggregates(manager, recorded.moves);
  }

  /**
   * The monthly aggregates summed afresh from every report's highest version:
   * what a replay does once at the end instead of moving each batch's versions
   * in (every batch would update the same month and product rows).
   */
  recomputeAggregates(manager: EntityManager): Promise<void> {
    return recomputeAggregates(manager);
  }
}

function versionKey(report: { reportId: string; version: number }): string {
  return `${report.reportId}:${report.version}`;
}

function changedReport(report: ReportVersionSnapshot): ChangedReport {
  return {
    reportId: report.reportId,
    companyId: report.companyId,
    facilityId: report.facilityId ?? null,
    depositId: report.depositId ?? null,
    siteId: report.facilityId ?? report.depositId ?? null,
    period: report.period,
  };
}

/** Each version's facts stop being current when the next higher accepted version became known. */
async function closeSupersededFacts(manager: EntityManager, reportIds: string[]): Promise<void> {
  await manager.query(
    `UPDATE report_line_fact f SET known_to = n.next_at
       FROM (SELECT report_id, version,
                    lead(accepted_at) OVER (PARTITION BY report_id ORDER BY version) AS next_at
               FROM report_version WHERE report_id = ANY($1::uuid[])) n
      WHERE f.report_id = n.report_id AND f.version = n.version AND f.known_to IS DISTINCT FROM n.next_at`,
    [reportIds],
  );
}

/**
 * For each report: out goes the previously current version, in comes the new
 * highest one, if it is new. Also which reports have several versions (whose
 * facts' known-to must be set).
 */
function currentVersionMoves(versions: VersionRow[], inserted: Set<string>): { moves: Move[]; amended: string[] } {
  const moves: Move[] = [];
  const amended: string[] = [];
  const byReport = new Map<string, number[]>();
  for (const row of versions) byReport.set(row.report_id, [...(byReport.get(row.report_id) ?? []), row.version]);
  for (const [reportId, numbers] of byReport) {
    if (numbers.length > 1) amended.push(reportId);
    const highest = Math.max(...numbers);
    if (!inserted.has(`${reportId}:${highest}`)) continue;
    const before = numbers.filter((version) => !inserted.has(`${reportId}:${version}`));
    if (before.length > 0) moves.push({ reportId, version: Math.max(...before), sign: -1 });
    moves.push({ reportId, version: highest, sign: 1 });
  }
  return { moves, amended };
}
