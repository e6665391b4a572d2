import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportingObligation } from '@redmet/contracts';
import { RegistryFacility, RegistryLicence, RegistryLicenceStatus } from '@redmet/registry-view';
import { ReportingEnvironment } from '../reporting.environment';
import { obligationId, obligationsAsOf, type ObligationSettings } from './obligations';

/** A report counts as filed while a version of it stands or waits for a decision; a rejected one does not. */
const FILED = `(r.state IN ('pending', 'accepted') OR r.accepted_version IS NOT NULL)`;

/** Obligations from the registry view, and whether reports meet them. */
@Injectable()
export class ObligationsService {
  readonly settings: ObligationSettings;

  constructor(
    private readonly dataSource: DataSource,
    environment: ReportingEnvironment,
  ) {
    this.settings = {
      kind: environment.REPORTING_PERIOD_KIND,
      start: environment.REPORTING_OBLIGATIONS_START,
      dueDays: environment.REPORTING_DUE_DAYS,
      reminderDays: environment.REPORTING_REMINDER_DAYS,
    };
  }

  /** Obligations as of `today` that no filed report meets. */
  async open(today: string, manager = this.dataSource.manager): Promise<ReportingObligation[]> {
    const [licences, statuses, facilities] = await Promise.all([
      manager.find(RegistryLicence),
      manager.find(RegistryLicenceStatus),
      manager.find(RegistryFacility),
    ]);
    const obligations = obligationsAsOf(
      today,
      {
        licences: licences.map((licence) => ({
          ...licence,
          history: statuses.filter((status) => status.licenceId === licence.licenceId),
        })),
        facilities,
      },
      this.settings,
    );
    const filed = await this.filedKeys(manager, [...new Set(obligations.map((obligation) => obligation.period))]);
    return obligations.filter((obligation) => !filed.has(obligation.obligationId));
  }

  /** Checked again inside the transaction that would send a notice, so a report filed meanwhile stops it. */
  async isMet(manager: EntityManager, obligation: ReportingObligation): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM report r
        WHERE r.company_id = $1 AND r.period = $2 AND ${FILED}
          AND (r.facility_id = $3::uuid OR (r.deposit_id = $4::uuid AND $3::uuid IS NULL)) LIMIT 1`,
      [obligation.companyId, obligation.period, obligation.facilityId ?? null, obligation.depositId ?? null],
    );
    return rows.length > 0;
  }

  private async filedKeys(manager: EntityManager, periods: string[]): Promise<Set<string>> {
    const rows: { company_id: string; facility_id: string | null; deposit_id: string | null; period: string }[] =
      await manager.query(
        `SELECT company_id, facility_id, deposit_id, period FROM report r WHERE r.period = ANY($1::text[]) AND ${FILED}`,
        [periods],
      );
    // A report of a facility at a deposit meets the obligations of both.
    const keys = new Set<string>();
    for (const row of rows) {
      if (row.facility_id) keys.add(obligationId(row.company_id, row.facility_id, row.period));
      if (row.deposit_id) keys.add(obligationId(row.company_id, row.deposit_id, row.period));
    }
    return keys;
  }
}
