import { closedOn, operatedBetween, operatingSince } from '@redmet/contracts/vocabulary';
import { daysOf } from './periods';
import type { Site } from './sites';

/**
 * The sites the report form offers for `period`: every deposit, and the plants that can have had output in it,
 * as production-reporting judges (`REPORT.FACILITY_NOT_OPERATING`): running on at least one of its days. Until
 * the period is a month or a quarter, a plant that ever ran is offered, a closed one too (its closing period is
 * still reported). A plant never commissioned had output in no period; its nil returns are owed nowhere.
 * `chosen` (the site picked, or the draft's) is always offered, so the picker never drops what the form sends.
 */
export function sitesFor(sites: readonly Site[], period: string, chosen = ''): Site[] {
  const days = daysOf(period.trim());
  return sites.filter((site) => {
    if (site.key === chosen || !site.facility) return true;
    return days ? operatedBetween(site.facility, days.start, days.end) : operatingSince(site.facility) !== null;
  });
}

/** Why the plant chosen had no output in the period, for a note under the picker; null when it may have. */
export type NotRunning =
  { reason: 'closed'; on: string } | { reason: 'notCommissioned' } | { reason: 'commissionedLater'; on: string };

export function notRunningIn(site: Site | undefined, period: string): NotRunning | null {
  const days = daysOf(period.trim());
  const facility = site?.facility;
  if (!facility || !days || operatedBetween(facility, days.start, days.end)) return null;
  const since = operatingSince(facility);
  const closed = closedOn(facility);
  if (closed !== null && (since === null || closed <= days.start || closed <= since))
    return { reason: 'closed', on: closed };
  return since === null ? { reason: 'notCommissioned' } : { reason: 'commissionedLater', on: since };
}
