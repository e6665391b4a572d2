import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportingObligation } from '@redmet/contracts';
import { RegistryFacility, RegistryLicence, RegistryLicenceStatus } from '@redmet/registry-view';
import { ReportingEnvironment } from '../reporting.environment';
import { type FiledReport, metBy, obligationsAsOf, type ObligationSettings, periodsCovering } from './obligations';
import { readSnapshot } from '@redmet/platform';

/**
 * A report counts as filed while a version of it stands or waits for a decision; a rejected one does not.
 * Read from `report`, not `accepted_site_month`: that holds neither pending reports nor the deposit's months
 * of a facility's report, and both meet obligations.
 */
const FILED = `(r.state IN ('pending', 'accepted') OR r.accepted_version IS NOT NULL)`;

const FILED_COLUMNS = `r.company_id AS "companyId", r.facility_id AS "facilityId", r.deposit_id AS "depositId", r.period`;

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

  /**
   * Obligations as of `today` that no filed report meets. Read in one snapshot: a licence without the status
   * the registry recorded with it, or reports of another moment than the registry, would open or close an
   * obligation no single moment had.
   */
  open(today: string): Promise<ReportingObligation[]> {
    return readSnapshot(this.dataSource, async (manager) => {
      // One after the other: they share the transaction's connection.
      const licences = await manager.find(RegistryLicence);
      const statuses = await manager.find(RegistryLicenceStatus);
      const facilities = await manager.find(RegistryFacility);
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
      const periods = [...new Set(obligations.flatMap((obligation) => periodsCovering(obligation.period)))];
      const filed: FiledReport[] = await manager.query(
        `SELECT ${FILED_COLUMNS} FROM report r WHERE r.period = ANY($1::text[]) AND ${FILED}`,
        [periods],
      );
      const met = metBy(filed);
      return obligations.filter((obligation) => !met(obligation));
    });
  }

  /** Checked again inside the transaction that would send a notice, so a report filed meanwhile stops it. */
  async isMet(manager: EntityManager, obligation: ReportingObligation): Promise<boolean> {
    const filed: FiledReport[] = await manager.query(
      `SELECT ${FILED_COLUMNS} FROM report r
        WHERE r.company_id = $1 AND r.period = ANY($2::text[]) AND ${FILED}
          AND (r.facility_id = $3::uuid OR (r.deposit_id = $4::uuid AND $3::uuid IS NULL))`,
      [
        obligation.companyId,
        periodsCovering(obligation.period),
        obligation.facilityId ?? null,
        obligation.depositId ?? null,
      ],
    );
    return metBy(filed)(obligation);
  }
}
