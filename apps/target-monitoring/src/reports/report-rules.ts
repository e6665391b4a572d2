import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertEngine } from '../alerts/alert-engine';
import { parseStatPeriod } from '../common/months';
import { DeadlineMissedRule } from '../rules/deadline-missed.rule';
import { LicenceExpiringRule } from '../rules/licence-expiring.rule';
import { LicenceRevokedRule } from '../rules/licence-revoked.rule';
import { SuddenDropRule, sitesOf } from '../rules/sudden-drop.rule';
import type { ChangedReport } from './report-projection';

/**
 * In one query (each round trip costs): the missed deadlines these reports
 * may file (same company and site, a month in common), and the licences they report under
 * (the holder's licences for the report's deposit, or the deposit its
 * facility processes).
 */
const TOUCHED = `
  WITH r AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[], $5::uuid[], $6::uuid[])
               AS t(company_id, period_start, period_end, site_id, deposit_id, facility_id))
  SELECT 'obligation' AS kind, m.obligation_id AS id
    FROM missed_deadline m
    JOIN r ON m.company_id = r.company_id AND m.period_start <= r.period_end AND m.period_end >= r.period_start
          AND (m.site_id IS NOT DISTINCT FROM r.site_id OR m.site_id = r.deposit_id)
  UNION
  SELECT 'licence', l.licence_id::text
    FROM r LEFT JOIN registry_facility f ON f.facility_id = r.facility_id
    JOIN registry_licence l ON l.holder_company_id = r.company_id AND l.deposit_id IN (r.deposit_id, f.deposit_id)`;

/** The rules a report or a missed deadline can change, judged in the same transaction as the projection. */
@Injectable()
export class ReportRules {
  constructor(
    private readonly engine: AlertEngine,
    private readonly deadlineMissed: DeadlineMissedRule,
    private readonly suddenDrop: SuddenDropRule,
    private readonly licenceRevoked: LicenceRevokedRule,
    private readonly licenceExpiring: LicenceExpiringRule,
  ) {}

  async afterReports(manager: EntityManager, reports: ChangedReport[]): Promise<void> {
    if (reports.length === 0) return;
    const touched: { kind: string; id: string }[] = await manager.query(TOUCHED, [
      reports.map((r) => r.companyId),
      reports.map((r) => parseStatPeriod(r.period).start),
      reports.map((r) => parseStatPeriod(r.period).end),
      reports.map((r) => r.siteId),
      reports.map((r) => r.depositId),
      reports.map((r) => r.facilityId),
    ]);
    const ids = (kind: string) => touched.filter((row) => row.kind === kind).map((row) => row.id);
    await this.engine.check(manager, this.deadlineMissed, ids('obligation'));
    await this.engine.check(manager, this.suddenDrop, sitesOf(reports));
    await this.engine.check(manager, this.licenceRevoked, ids('licence'));
    await this.engine.check(manager, this.licenceExpiring, ids('licence'));
  }

  async afterMissedDeadlines(manager: EntityManager, obligationIds: string[]): Promise<void> {
    await this.engine.check(manager, this.deadlineMissed, obligationIds);
  }
}
