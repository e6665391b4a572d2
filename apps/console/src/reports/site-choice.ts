import {
  closedOn,
  type FacilityLifecycle,
  type FacilityOperators,
  monthsOperatedBy,
  operatedBetween,
  operatingSince,
} from '@redmet/contracts/vocabulary';
import { daysOf, monthsIn } from './periods';
import type { Site } from './sites';

type Plant = FacilityLifecycle & FacilityOperators;

/**
 * Whether `companyId` may have had output from the plant in `period`: a month of it in which the company
 * operated the plant and the plant ran. A quarter split by a hand-over is reported by each operator for its own
 * months; reports of a month the company did not operate are refused.
 */
function ranFor(plant: Plant, companyId: string, period: string): boolean {
  const starts = monthsIn(period).map((month) => `${month}-01`);
  return monthsOperatedBy(plant, companyId, starts).some((start) => {
    const days = daysOf(start.slice(0, 7)) as { start: string; end: string };
    return operatedBetween(plant, days.start, days.end);
  });
}

/** The day the company handed the plant over to the next operator; null while it operates it. */
export function handedOverOn(plant: FacilityOperators, companyId: string): string | null {
  if (plant.operatorCompanyId === companyId) return null;
  const operators = plant.operators ?? [];
  const last = operators.map((period) => period.operatorCompanyId).lastIndexOf(companyId);
  return last < 0 ? null : (operators[last + 1]?.since ?? null);
}

/**
 * The sites the report form offers `companyId` for `period`: every deposit, and the plants that can have had
 * output of the company in it, as production-reporting judges (`REPORT.FACILITY_NOT_OPERATING`, and a month
 * another company operated): running on at least one of its days, in a month the company operated them. Until
 * the period is a month or a quarter, a plant that ever ran is offered, a closed one and one handed over too
 * (their last periods are still reported). A plant never commissioned had output in no period; its nil returns
 * are owed nowhere. `chosen` (the site picked, or the draft's) is always offered, so the picker never drops
 * what the form sends.
 */
export function sitesFor(sites: readonly Site[], period: string, companyId: string, chosen = ''): Site[] {
  const trimmed = period.trim();
  const days = daysOf(trimmed);
  return sites.filter((site) => {
    if (site.key === chosen || !site.facility) return true;
    if (!days) return operatingSince(site.facility) !== null;
    return operatedBetween(site.facility, days.start, days.end) && ranFor(site.facility, companyId, trimmed);
  });
}

/** Why the plant chosen had no output in the period, for a note under the picker; null when it may have. */
export type NotRunning =
  | { reason: 'closed'; on: string }
  | { reason: 'notCommissioned' }
  | { reason: 'commissionedLater'; on: string }
  | { reason: 'operatedByAnother' };

export function notRunningIn(site: Site | undefined, period: string, companyId: string): NotRunning | null {
  const trimmed = period.trim();
  const days = daysOf(trimmed);
  const facility = site?.facility;
  if (!facility || !days) return null;
  if (operatedBetween(facility, days.start, days.end))
    return ranFor(facility, companyId, trimmed) ? null : { reason: 'operatedByAnother' };
  const since = operatingSince(facility);
  const closed = closedOn(facility);
  if (closed !== null && (since === null || closed <= days.start || closed <= since))
    return { reason: 'closed', on: closed };
  return since === null ? { reason: 'notCommissioned' } : { reason: 'commissionedLater', on: since };
}
