import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ReportVersionSnapshot } from '@redmet/contracts';
import { applyKnowledgeChanges, type KnowledgeChange, recomputeKnowledge } from './output-knowledge';
import { holdProductClassesForRecording } from './product-class';
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
  knowledge: KnowledgeChange[];
}

const NOTHING: RecordedReports = { changed: [], moves: [], knowledge: [] };

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
    if (unique.length === 0) return NOTHING;
    await holdProductClassesForRecording(manager);
    const versions: VersionRow[] = await manager.query(RECORD_VERSIONS, [
      ...VERSION_COLUMNS.arrays(unique),
      ...LINE_COLUMNS.arrays(linesOf(unique)),
    ]);
    const inserted = new Set(
      versions
        .filter((row) => row.inserted)
        .map((row) => versionKey({ reportId: row.report_id, version: row.version })),
    );
    if (inserted.size === 0) return NOTHING;
    const fresh = unique.filter((event) => inserted.has(versionKey(event.payload)));
    const { moves, amended } = currentVersionMoves(versions, inserted);
    const knowledge: KnowledgeChange[] = fresh.map((event) => ({
      reportId: event.payload.reportId,
      version: event.payload.version,
      replacedAt: null,
      sign: 1,
    }));
    if (amended.length > 0) knowledge.push(...(await closeSupersededFacts(manager, amended)));
    const movedTo = new Set(moves.filter((move) => move.sign > 0).map((move) => `${move.reportId}:${move.version}`));
    const changed = fresh
      .filter((event) => movedTo.has(versionKey(event.payload)))
      .map((event) => changedReport(event.payload));
    return { changed, moves, knowledge };
  }

  /**
   * Moves the recorded versions into the monthly aggregates. Every report of
   * a month and product updates the same aggregate row, so a consumer does this
   * last in its transaction, holding that row's lock as briefly as it can.
   */
  async aggregate(manager: EntityManager, recorded: RecordedReports): Promise<void> {
    await applyToAggregates(manager, recorded.moves);
    await applyKnowledgeChanges(manager, recorded.knowledge);
  }

  /**
   * The monthly aggregates summed afresh from every report's highest version:
   * what a replay does once at the end instead of moving each batch's versions
   * in (every batch would update the same month and product rows).
   */
  recomputeAggregates(manager: EntityManager): Promise<void> {
    return recomputeAggregates(manager);
  }

  /** What was known of each month's output day by day, summed afresh from the facts (likewise, once after a replay). */
  recomputeKnowledge(manager: EntityManager): Promise<void> {
    return recomputeKnowledge(manager);
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

interface ClosedVersion {
  report_id: string;
  version: number;
  was: string | null;
  now: string | null;
}

/**
 * Each version's facts stop being current when the next higher accepted
 * version became known. Returns how that moves the versions' lines in what
 * was known day by day: counted back in on the day they were replaced before,
 * out on the day they are replaced now (the statement's CTEs all read the
 * facts as they were before its update).
 */
async function closeSupersededFacts(manager: EntityManager, reportIds: string[]): Promise<KnowledgeChange[]> {
  const closed: ClosedVersion[] = await manager.query(
    `WITH next AS (
       SELECT report_id, version, lead(accepted_at) OVER (PARTITION BY report_id ORDER BY version) AS next_at
         FROM report_version WHERE report_id = ANY($1::uuid[])),
     changed AS (
       SELECT DISTINCT f.report_id, f.version, f.known_to AS was, n.next_at AS now
         FROM report_line_fact f JOIN next n ON n.report_id = f.report_id AND n.version = f.version
        WHERE f.known_to IS DISTINCT FROM n.next_at),
     updated AS (
       UPDATE report_line_fact f SET known_to = c.now
         FROM changed c WHERE f.report_id = c.report_id AND f.version = c.version)
     SELECT report_id, version, was::text, now::text FROM changed`,
    [reportIds],
  );
  return closed.flatMap((row) => {
    const version = { reportId: row.report_id, version: row.version };
    return [
      ...(row.was ? [{ ...version, replacedAt: row.was, sign: 1 as const }] : []),
      ...(row.now ? [{ ...version, replacedAt: row.now, sign: -1 as const }] : []),
    ];
  });
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
