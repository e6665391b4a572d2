import type { EntityManager } from 'typeorm';
import type { Actor, RejectionReason, ReportState, TonnageClass } from '@redmet/contracts';
import type { LineContent } from '../acceptance/report-content';
import { claimSiteSql, SiteTakenMeanwhile } from '../acceptance/site-claims';
import { monthsOf } from '../common/periods';
import { preparedQuery } from '../common/prepared';

export interface NewReport {
  id: string;
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  period: string;
  createdBy: string;
}

export interface VersionRecord {
  reportId: string;
  version: number;
  state: ReportState;
  nilReturn: boolean;
  region: string | null;
  signedBy: Actor | null;
  submittedAt: string | null;
  contentSha256: string | null;
  supersedesVersion: number | null;
  amendmentReason: string | null;
  reasons: RejectionReason[];
  lines: (LineContent & { tonnageClass: TonnageClass | null })[];
  /** The site and period whose months are claimed in the same statement, when the version is accepted. */
  claim?: { siteId: string; period: string };
}

const DECIDED: readonly ReportState[] = ['accepted', 'rejected'];

/**
 * The version row and its lines in one statement (lines as arrays through
 * unnest), with the report row when `report` is given and the site's months
 * when `claim` is (SiteTakenMeanwhile if another report got one first): the
 * write path of every submission, so it costs one round trip. Plain SQL, as
 * in Outbox.add.
 */
export async function insertVersion(manager: EntityManager, record: VersionRecord, report?: NewReport): Promise<void> {
  const lines = record.lines;
  const params: unknown[] = [
    record.reportId,
    record.version,
    record.state,
    record.nilReturn,
    record.region,
    record.signedBy?.userId ?? null,
    record.signedBy?.name ?? null,
    record.submittedAt,
    record.contentSha256,
    record.supersedesVersion,
    record.amendmentReason,
    JSON.stringify(record.reasons),
    DECIDED.includes(record.state),
    lines.map((line) => line.lineNo),
    lines.map((line) => line.productCode),
    lines.map((line) => line.tonnageClass),
    lines.map((line) => line.quantity),
    lines.map((line) => line.unit),
    lines.map((line) => line.metalContentTonnes),
    lines.map((line) => line.domesticShipments),
    lines.map((line) => line.exports),
  ];
  const reportInsert = report
    ? `r AS (INSERT INTO report (id, company_id, facility_id, deposit_id, period, state, latest_version, accepted_version, created_by)
             VALUES ($1, $22, $23, $24, $25, $3, $2, CASE WHEN $3 = 'accepted' THEN $2::int END, $26)),`
    : '';
  if (report) params.push(report.companyId, report.facilityId, report.depositId, report.period, report.createdBy);
  let claim = 'SELECT 0 AS claimed';
  if (record.claim) {
    claim = `, c AS (${claimSiteSql(`$${params.length + 1}`, `$${params.length + 2}`, '$1')})
      SELECT count(*)::int AS claimed FROM c`;
    params.push(record.claim.siteId, monthsOf(record.claim.period));
  }
  // Four texts at most (with or without the report row and the claim), each prepared under its own name.
  const [{ claimed }] = await preparedQuery<{ claimed: number }>(
    manager,
    `reporting-insert-version${report ? '-report' : ''}${record.claim ? '-claim' : ''}`,
    `WITH ${reportInsert}
     v AS (INSERT INTO report_version (report_id, version, state, nil_return, region, signed_by_user_id, signed_by_name,
             submitted_at, content_sha256, supersedes_version, amendment_reason, reasons, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, CASE WHEN $13 THEN now() END)),
     l AS (INSERT INTO report_line (report_id, version, line_no, product_code, tonnage_class, quantity, unit,
                                    metal_content_tonnes, domestic_shipments, exports)
           SELECT $1::uuid, $2::int, line.* FROM unnest($14::int[], $15::text[], $16::text[], $17::numeric[],
                                             $18::text[], $19::numeric[], $20::numeric[], $21::numeric[]) AS line)
     ${claim}`,
    params,
  );
  if (record.claim && claimed < monthsOf(record.claim.period).length) {
    throw new SiteTakenMeanwhile(record.claim.siteId, record.claim.period);
  }
}

/** Points the report at its newest version and, when that one is accepted, at its figures. */
export async function updateReport(
  manager: EntityManager,
  reportId: string,
  latest: { version: number; state: ReportState },
): Promise<void> {
  await manager.query(
    `UPDATE report SET state = $2, latest_version = $3,
            accepted_version = CASE WHEN $2 = 'accepted' THEN $3::int ELSE accepted_version END, updated_at = now()
      WHERE id = $1`,
    [reportId, latest.state, latest.version],
  );
}

/** A pending version decided later: its state, reasons and the registry facts it was decided on. */
export async function recordDecision(
  manager: EntityManager,
  record: Pick<VersionRecord, 'reportId' | 'version' | 'state' | 'reasons' | 'region' | 'lines'>,
): Promise<void> {
  await manager.query(
    `UPDATE report_version SET state = $3, reasons = $4, region = $5, decided_at = now()
      WHERE report_id = $1 AND version = $2`,
    [record.reportId, record.version, record.state, JSON.stringify(record.reasons), record.region],
  );
  await manager.query(
    `UPDATE report_line l SET tonnage_class = c.tonnage_class
       FROM unnest($3::int[], $4::text[]) AS c(line_no, tonnage_class)
      WHERE l.report_id = $1 AND l.version = $2 AND l.line_no = c.line_no`,
    [
      record.reportId,
      record.version,
      record.lines.map((line) => line.lineNo),
      record.lines.map((line) => line.tonnageClass),
    ],
  );
  await updateReport(manager, record.reportId, record);
}

export function versionLines(manager: EntityManager, reportId: string, version: number): Promise<LineContent[]> {
  return manager.query(
    `SELECT line_no AS "lineNo", product_code AS "productCode", quantity, unit,
            metal_content_tonnes AS "metalContentTonnes", domestic_shipments AS "domesticShipments", exports
       FROM report_line WHERE report_id = $1 AND version = $2 ORDER BY line_no`,
    [reportId, version],
  );
}

/** What a still pending version waits for, as of the latest check. */
export async function updateWaitingFor(
  manager: EntityManager,
  version: { reportId: string; version: number },
  missing: RejectionReason[],
): Promise<void> {
  await manager.query(
    `UPDATE report_version SET reasons = $3::jsonb
      WHERE report_id = $1 AND version = $2 AND reasons IS DISTINCT FROM $3::jsonb`,
    [version.reportId, version.version, JSON.stringify(missing)],
  );
}
