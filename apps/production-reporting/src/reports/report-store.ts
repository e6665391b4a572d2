import type { EntityManager } from 'typeorm';
import type { Actor, RejectionReason, ReportState, TonnageClass } from '@redmet/contracts';
import { GroupBatch } from '@redmet/platform';
import type { LineContent } from '../acceptance/report-content';
import { claimSiteSql, releaseSiteSql, SiteTakenMeanwhile } from '../acceptance/site-claims';
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
  claim?: { siteId: string; period: string; months: readonly string[] };
}

const DECIDED: readonly ReportState[] = ['accepted', 'rejected'];

/**
 * When a version is decided, over its `submitted_at`. Not `now()`, the start of the transaction: a filing begins
 * its transaction, waits for the report's lock (another request on the report) or its group, and only then signs,
 * and a registry change that decides a pending version may have begun before that version was filed; either way
 * `now()` would date the decision before the signature. The signing clock is the service's, hence `greatest`.
 */
const DECIDED_AT = 'greatest(clock_timestamp(), submitted_at)';

interface VersionWrite {
  record: VersionRecord;
  report?: NewReport;
}

/**
 * Versions with their lines, the report rows of new reports and the site
 * months of accepted versions, for any number of reports in one statement
 * (arrays through unnest; a report's claimed months as a JSON array); the
 * answer counts, in the order given, the months each version claimed.
 */
const WRITE_VERSIONS = `
  WITH given AS (
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[],
                         $8::timestamptz[], $9::text[], $10::int[], $11::text[], $12::jsonb[], $13::boolean[],
                         $14::uuid[], $15::uuid[], $16::uuid[], $17::text[], $18::text[], $19::uuid[], $20::text[])
      WITH ORDINALITY AS g(report_id, version, state, nil_return, region, signed_by_user_id, signed_by_name,
                           submitted_at, content_sha256, supersedes_version, amendment_reason, reasons, decided,
                           company_id, facility_id, deposit_id, period, created_by, claim_site, claim_months, n)),
  r AS (
    INSERT INTO report (id, company_id, facility_id, deposit_id, period, state, latest_version, accepted_version,
                        created_by)
    SELECT report_id, company_id, facility_id, deposit_id, period, state, version,
           CASE WHEN state = 'accepted' THEN version END, created_by
      FROM given WHERE created_by IS NOT NULL),
  v AS (
    INSERT INTO report_version (report_id, version, state, nil_return, region, signed_by_user_id, signed_by_name,
                                submitted_at, content_sha256, supersedes_version, amendment_reason, reasons,
                                decided_at)
    SELECT report_id, version, state, nil_return, region, signed_by_user_id, signed_by_name, submitted_at,
           content_sha256, supersedes_version, amendment_reason, reasons, CASE WHEN decided THEN ${DECIDED_AT} END
      FROM given),
  l AS (
    INSERT INTO report_line (report_id, version, line_no, product_code, tonnage_class, quantity, unit,
                             metal_content_tonnes, domestic_shipments, exports)
    SELECT * FROM unnest($21::uuid[], $22::int[], $23::int[], $24::text[], $25::text[], $26::numeric[], $27::text[],
                         $28::numeric[], $29::numeric[], $30::numeric[])),
  c AS (${claimSiteSql(
    `SELECT claim_site, month::date, report_id
       FROM given, json_array_elements_text(claim_months::json) AS month WHERE claim_site IS NOT NULL`,
  )}),
  released AS (${releaseSiteSql(
    `SELECT claim_site, ARRAY(SELECT json_array_elements_text(claim_months::json)::date), report_id
       FROM given WHERE claim_site IS NOT NULL`,
  )})
  SELECT (SELECT count(*) FROM c WHERE c.report_id = g.report_id)::int AS claimed FROM given g ORDER BY g.n`;

const writeVersions = new GroupBatch<VersionWrite, { claimed: number }>((manager, writes) => {
  const column = <T>(value: (write: VersionWrite) => T) => writes.map(value);
  const lines = writes.flatMap(({ record }) => record.lines.map((line) => ({ record, line })));
  const lineColumn = <T>(value: (entry: (typeof lines)[number]) => T) => lines.map(value);
  return preparedQuery(manager, 'reporting-write-versions', WRITE_VERSIONS, [
    column(({ record }) => record.reportId),
    column(({ record }) => record.version),
    column(({ record }) => record.state),
    column(({ record }) => record.nilReturn),
    column(({ record }) => record.region),
    column(({ record }) => record.signedBy?.userId ?? null),
    column(({ record }) => record.signedBy?.name ?? null),
    column(({ record }) => record.submittedAt),
    column(({ record }) => record.contentSha256),
    column(({ record }) => record.supersedesVersion),
    column(({ record }) => record.amendmentReason),
    column(({ record }) => JSON.stringify(record.reasons)),
    column(({ record }) => DECIDED.includes(record.state)),
    column(({ report }) => report?.companyId ?? null),
    column(({ report }) => report?.facilityId ?? null),
    column(({ report }) => report?.depositId ?? null),
    column(({ report }) => report?.period ?? null),
    column(({ report }) => report?.createdBy ?? null),
    column(({ record }) => record.claim?.siteId ?? null),
    column(({ record }) => (record.claim ? JSON.stringify(record.claim.months) : null)),
    lineColumn(({ record }) => record.reportId),
    lineColumn(({ record }) => record.version),
    lineColumn(({ line }) => line.lineNo),
    lineColumn(({ line }) => line.productCode),
    lineColumn(({ line }) => line.tonnageClass),
    lineColumn(({ line }) => line.quantity),
    lineColumn(({ line }) => line.unit),
    lineColumn(({ line }) => line.metalContentTonnes),
    lineColumn(({ line }) => line.domesticShipments),
    lineColumn(({ line }) => line.exports),
  ]);
});

/**
 * The version row and its lines, with the report row when `report` is given
 * and the site's months when `claim` is (SiteTakenMeanwhile if another report
 * got one first): the write path of every submission, so it costs one round
 * trip, and the filings of a group write theirs in one statement together
 * (GroupBatch). If two of them claim one month, the statement fails, and with
 * it the group, whose filings then run alone. Plain SQL, as in Outbox.add.
 */
export async function insertVersion(manager: EntityManager, record: VersionRecord, report?: NewReport): Promise<void> {
  const { claimed } = await writeVersions.run(manager, { record, report });
  if (record.claim && claimed < record.claim.months.length) {
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
    `UPDATE report_version SET state = $3, reasons = $4, region = $5, decided_at = ${DECIDED_AT}
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
