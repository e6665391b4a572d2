import { closedOn, operatedBetween, operatingSince, parsePeriod, type RejectionReason } from '@redmet/contracts';
import { checkLines } from './line-rules';
import type { PlausibilityBounds } from './plausibility';
import {
  type FacilityFacts,
  isNilReturn,
  reason,
  type RegistryFacts,
  type ReportContent,
  type Verdict,
} from './report-content';
import { checkProductsAtSite } from './site-products';

export interface ReportCheck {
  report: ReportContent;
  facts: RegistryFacts;
  /**
   * The plausibility bounds in force, or null for a version judged again after it waited: its amounts
   * were judged when it was submitted, under the bounds in force then, and passed (a version that breaks
   * a rule is rejected, never pending). They need no registry data, so nothing learnt since changes them,
   * and bounds configured since must not reject what was accepted for checking under the earlier ones.
   */
  bounds: PlausibilityBounds | null;
  /** The day of the check (ISO date). */
  today: string;
  /** Another report already accepted for a month of this site and period. */
  acceptedElsewhere: AcceptedElsewhere | null;
}

export interface AcceptedElsewhere {
  reportId: string;
  /** Another company's report is not named: a producer must not learn of other companies' reports. */
  ownCompany: boolean;
}

/**
 * Whether a report version is accepted: every rule is checked and every broken
 * one listed. A rule that needs registry data the view does not have yet is not
 * broken but open: with nothing definitely broken, the version waits (pending).
 */
export function checkReport(check: ReportCheck): Verdict {
  const { report, facts, bounds } = check;
  const broken: RejectionReason[] = [];
  const missing: RejectionReason[] = [];
  const { start, end } = parsePeriod(report.period);

  if (end >= check.today) {
    broken.push(
      reason('PERIOD_NOT_ENDED', `The period ${report.period} ends on ${end}; it can be reported once it is over`),
    );
  }
  if (!facts.company)
    missing.push(reason('COMPANY_UNKNOWN', `The registry has not published company ${report.companyId}`));
  if (report.facilityId) checkFacility(check, broken, missing);
  if (report.depositId) checkDeposit(check, broken, missing);
  for (const findings of [checkLines(report.lines, facts.products, bounds), checkProductsAtSite(report, facts)]) {
    broken.push(...findings.broken);
    missing.push(...findings.missing);
  }
  if (check.acceptedElsewhere?.ownCompany) {
    broken.push(
      reason(
        'PERIOD_ALREADY_REPORTED',
        `Report ${check.acceptedElsewhere.reportId} is already accepted for this site and ${report.period} (${start}..${end}); amend it instead of filing a new one`,
      ),
    );
  } else if (check.acceptedElsewhere && !facts.depositOfAnotherCompany) {
    // Only a site the company may hold: naming another company's report of its own deposit would tell
    // the filer that it reported (a filing is refused for that; this is a pending version judged again).
    // Such a version is never accepted (its licence is unknown), so no claim of the site can follow.
    broken.push(
      reason(
        'PERIOD_ALREADY_REPORTED',
        `Output of this site for ${report.period} (${start}..${end}) is already reported by another company`,
      ),
    );
  }
  if (broken.length > 0) return { outcome: 'rejected', reasons: broken };
  if (missing.length > 0) return { outcome: 'pending', missing };
  return { outcome: 'accepted' };
}

function checkFacility({ report, facts }: ReportCheck, broken: RejectionReason[], missing: RejectionReason[]): void {
  const facility = facts.facility;
  if (!facility) {
    missing.push(reason('FACILITY_UNKNOWN', `The registry has not published facility ${report.facilityId}`));
    return;
  }
  if (facts.siteMonths.length === 0) {
    broken.push(
      reason(
        'NOT_OPERATOR',
        `Facility ${report.facilityId} was operated by another company throughout ${report.period}`,
      ),
    );
  }
  if (report.depositId && facility.depositId !== report.depositId) {
    broken.push(reason('SITE_MISMATCH', `Facility ${report.facilityId} is not at deposit ${report.depositId}`));
  }
  const { start, end } = parsePeriod(report.period);
  if (!operatedBetween(facility, start, end) && !isNilReturn(report.lines)) {
    broken.push(
      reason(
        'FACILITY_NOT_OPERATING',
        `Facility ${report.facilityId} cannot have had output in ${report.period}: ${notRunning(facility, start)}`,
      ),
    );
  }
}

/** Why the plant ran on no day of a period starting on `start`: closed by then, not yet commissioned, or never built. */
function notRunning(facility: FacilityFacts, start: string): string {
  const closed = closedOn(facility);
  const since = operatingSince(facility);
  if (since === null) return closed === null ? facility.status : `closed on ${closed}, never commissioned`;
  return closed !== null && closed <= start ? `closed on ${closed}` : `commissioned only on ${since}`;
}

function checkDeposit({ report, facts }: ReportCheck, broken: RejectionReason[], missing: RejectionReason[]): void {
  if (!facts.deposit) {
    missing.push(reason('DEPOSIT_UNKNOWN', `The registry has not published deposit ${report.depositId}`));
    return;
  }
  const licence = facts.licence;
  if (!licence) {
    missing.push(reason('LICENCE_UNKNOWN', `No licence of the company for deposit ${report.depositId} is known`));
  } else if (licence.coverage.state === 'unknown') {
    missing.push(reason('LICENCE_UNKNOWN', `Licence ${licence.number}: ${licence.coverage.reason}`));
  } else if (licence.coverage.state === 'inactive') {
    broken.push(
      reason(
        'LICENCE_NOT_ACTIVE',
        `Licence ${licence.number} was not in force for the whole of ${report.period}: ${licence.coverage.reason}`,
      ),
    );
  }
}
