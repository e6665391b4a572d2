import { type FacilityStatus, type LicenceType, parsePeriod, type ReportingObligation } from '@redmet/contracts';
import { licenceCoverage, type LicenceStatusRecord } from '@redmet/registry-view';
import { addDays, daysBetween } from '../common/dates';
import { type PeriodKind, periodsBetween } from '../common/periods';

export interface LicenceSite {
  holderCompanyId: string;
  depositId: string;
  type: LicenceType;
  history: LicenceStatusRecord[];
}

export interface FacilitySite {
  facilityId: string;
  operatorCompanyId: string;
  status: FacilityStatus;
  statusSince: string;
  commissionedOn: string | null;
}

export interface ObligationSettings {
  kind: PeriodKind;
  /** First day of the first period anyone must report. */
  start: string;
  dueDays: number;
  reminderDays: readonly number[];
}

const PRODUCING_LICENCES: readonly LicenceType[] = ['production', 'combined'];
const OPERATING: readonly FacilityStatus[] = ['commissioned', 'modernised'];

export function obligationId(companyId: string, siteId: string, period: string): string {
  return `${companyId}:${siteId}:${period}`;
}

/**
 * Who must report what, as of `today`: every period (from `start`) whose first
 * reminder is due by today, for each deposit under a production or combined
 * licence in force for the whole period (exactly when a report of it could be
 * accepted), and for each facility operating by the period's end.
 */
export function obligationsAsOf(
  today: string,
  sites: { licences: readonly LicenceSite[]; facilities: readonly FacilitySite[] },
  settings: ObligationSettings,
): ReportingObligation[] {
  const earliestNotice = Math.max(0, ...settings.reminderDays);
  const periods = periodsBetween(settings.kind, settings.start, addDays(today, earliestNotice))
    .map((period) => ({ period, ...parsePeriod(period), dueOn: addDays(parsePeriod(period).end, settings.dueDays) }))
    .filter(({ dueOn }) => daysBetween(today, dueOn) <= earliestNotice);
  const found = new Map<string, ReportingObligation>();
  for (const { period, start, end, dueOn } of periods) {
    for (const licence of sites.licences) {
      if (!PRODUCING_LICENCES.includes(licence.type)) continue;
      if (licenceCoverage(licence.history, start, end).state !== 'active') continue;
      const id = obligationId(licence.holderCompanyId, licence.depositId, period);
      found.set(id, {
        obligationId: id,
        companyId: licence.holderCompanyId,
        facilityId: null,
        depositId: licence.depositId,
        period,
        dueOn,
      });
    }
    for (const facility of sites.facilities) {
      const operatingSince = facility.commissionedOn ?? facility.statusSince;
      if (!OPERATING.includes(facility.status) || operatingSince > end) continue;
      const id = obligationId(facility.operatorCompanyId, facility.facilityId, period);
      found.set(id, {
        obligationId: id,
        companyId: facility.operatorCompanyId,
        facilityId: facility.facilityId,
        depositId: null,
        period,
        dueOn,
      });
    }
  }
  return [...found.values()];
}

export type Notice = { kind: 'missed' } | { kind: 'reminder'; daysBefore: number };

export function noticeKey(notice: Notice): string {
  return notice.kind === 'missed' ? 'missed' : `reminder-${notice.daysBefore}`;
}

/**
 * What the deadline check does today for an obligation not yet met.
 * - After the due day: the miss, once.
 * - Before or on it: a reminder `d` is due when at most `d` days are left and
 *   it has not been recorded. When several are due at once (the check did not
 *   run for a while, or the obligation appeared late) only the nearest goes
 *   out and the others are recorded as skipped, so they never go out later; a
 *   due reminder earlier than one already recorded is skipped too.
 */
export function nextNotices(
  dueOn: string,
  today: string,
  reminderDays: readonly number[],
  recorded: readonly string[],
): { send: Notice | null; skip: Notice[] } {
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return { send: recorded.includes('missed') ? null : { kind: 'missed' }, skip: [] };
  const due = [...new Set(reminderDays)]
    .filter((days) => daysLeft <= days && !recorded.includes(noticeKey({ kind: 'reminder', daysBefore: days })))
    .sort((a, b) => a - b)
    .map((daysBefore): Notice => ({ kind: 'reminder', daysBefore }));
  if (due.length === 0) return { send: null, skip: [] };
  const nearest = (due[0] as { daysBefore: number }).daysBefore;
  const laterRecorded = reminderDays.some((days) => days < nearest && recorded.includes(`reminder-${days}`));
  return laterRecorded ? { send: null, skip: due } : { send: due[0], skip: due.slice(1) };
}
