import type { EntityManager } from 'typeorm';

/**
 * The unique key (site, month) of `accepted_site_month` decides which of two
 * reports of one site and period is accepted. A report is checked against the
 * claims committed when its facts were read; if another report claimed a month
 * meanwhile, its own claim comes up short, the transaction is rolled back and
 * run again (`retryLostRace`), and the second check sees the winner.
 */
export class SiteTakenMeanwhile extends Error {
  constructor(siteId: string, period: string) {
    super(`another report of site ${siteId} was accepted for ${period} while this one was being checked`);
    this.name = 'SiteTakenMeanwhile';
  }
}

/**
 * Claims the months accepted reports cover, `claims` being a query of
 * (site_id, month, report_id), returning the report_id of each month now its
 * report's (an amendment finds them already its own; a month another report
 * holds returns nothing, and a claim of it in flight is waited for).
 */
export function claimSiteSql(claims: string): string {
  return `INSERT INTO accepted_site_month (site_id, month, report_id)
    ${claims}
    ON CONFLICT (site_id, month) DO UPDATE SET report_id = EXCLUDED.report_id
      WHERE accepted_site_month.report_id = EXCLUDED.report_id
    RETURNING report_id`;
}

/**
 * The query that reads the registry facts also finds the other reports accepted
 * for months of the period, each month with its report and whether it is the
 * filing company's own (a JSON array; the months the filer answers for are
 * known only once the facility's operators are read).
 */
export function acceptedElsewhereSql(site: string, months: string, report: string, company: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('month', to_char(a.month, 'YYYY-MM-DD'), 'reportId', a.report_id,
                    'ownCompany', o.company_id = ${company}::uuid)), '[]')
             FROM accepted_site_month a JOIN report o ON o.id = a.report_id
            WHERE a.site_id = ${site}::uuid AND a.month = ANY(${months}::date[]) AND a.report_id <> ${report}::uuid)`;
}

/**
 * Gives up the months an accepted version no longer answers for, `claims` being a query of (site_id, months,
 * report_id), months a date array: a hand-over recorded after the fact leaves an earlier operator's report with
 * fewer months of its period, and once amended it must not keep the new operator from filing those. A report's
 * site never changes, so its claims are found by the key's site.
 */
export function releaseSiteSql(claims: string): string {
  return `DELETE FROM accepted_site_month a USING (${claims}) AS c (site_id, months, report_id)
     WHERE a.site_id = c.site_id AND a.report_id = c.report_id AND a.month <> ALL(c.months)`;
}

/** The site's `months` (first days) for an accepted report of `period`, and none other. */
export async function claimSite(
  manager: EntityManager,
  claim: { siteId: string; period: string; months: readonly string[] },
  reportId: string,
) {
  const claimed: unknown[] = await manager.query(
    claimSiteSql('SELECT $1::uuid, month, $3::uuid FROM unnest($2::date[]) AS month'),
    [claim.siteId, claim.months, reportId],
  );
  if (claimed.length < claim.months.length) throw new SiteTakenMeanwhile(claim.siteId, claim.period);
  await manager.query(releaseSiteSql('SELECT $1::uuid, $2::date[], $3::uuid'), [claim.siteId, claim.months, reportId]);
}

const ATTEMPTS = 3;

/**
 * PostgreSQL ended the transaction to break a deadlock (two transactions
 * claiming the same sites in opposite orders: a group of filings and an
 * upload, or the groups of two instances) or could not serialise it.
 */
const CONCURRENCY_FAILURES = new Set(['40P01', '40001']);

function lostARace(error: unknown): boolean {
  if (error instanceof SiteTakenMeanwhile) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONCURRENCY_FAILURES.has(code);
}

/**
 * Runs a transaction again when it lost a race: a site taken by a concurrent
 * acceptance (see SiteTakenMeanwhile), or a deadlock. The next attempt starts
 * afresh and does not meet the same race.
 */
export async function retryLostRace<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (!lostARace(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}
