import {
  closedOn,
  type FacilityOperatorPeriod,
  type FacilityStatus,
  type LicenceType,
  monthsOf,
  operatedBetween,
  operatingSince,
  operatorInMonth,
  parsePeriod,
  type ReportingObligation,
} from '@redmet/contracts';
import { licenceCoverage, type LicenceStatusRecord } from '@redmet/registry-view';
import { addDays, daysBetween } from '@redmet/platform';
import { periodContaining, type PeriodKind, periodsBetween } from '../common/periods';

export interface LicenceSite {
  holderCompanyId: string;
  depositId: string;
  type: LicenceType;
  history: LicenceStatusRecord[];
}

export interface FacilitySite {
  facilityId: string;
  operatorCompanyId: string;
  operators: readonly FacilityOperatorPeriod[] | null;
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

export function obligationId(companyId: string, siteId: string, period: string): string {
  return `${companyId}:${siteId}:${period}`;
}

/**
 * Who must report what, as of `today`: every period (from `start`) whose first
 * reminder is due by today, for each deposit under a production or combined
 * licence in force for the whole period (exactly when a report of it could be
 * accepted), and for each facility that ran on a day of the period (exactly
 * when output from it could be accepted): from each company that operated it
 * in a month of the period the plant ran in, for those months. A plant
 * commissioned or closed during a period owes no month it did not run in: a
 * report of such a month with output is refused.
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
        months: monthsOf(period),
      });
    }
    for (const facility of sites.facilities) {
      if (!operatedBetween(facility, start, end)) continue;
      for (const [companyId, months] of monthsByOperator(facility, period)) {
        const id = obligationId(companyId, facility.facilityId, period);
        found.set(id, {
          obligationId: id,
          companyId,
          facilityId: facility.facilityId,
          depositId: null,
          period,
          dueOn,
          months,
        });
      }
    }
  }
  return [...found.values()];
}

/**
 * The months of the period each company answers for: those the plant ran on some day of. None before the month
 * it was commissioned in, nor from its closing day on: nothing came out then and a report of such a month alone
 * is refused, so the obligation must be met by the months it ran.
 */
function monthsByOperator(facility: FacilitySite, period: string): Map<string, string[]> {
  const since = operatingSince(facility);
  const closed = closedOn(facility);
  const byOperator = new Map<string, string[]>();
  if (since === null) return byOperator;
  // Months are given by their first days: the commissioning month is owed whatever day of it the plant started.
  const firstMonth = `${since.slice(0, 7)}-01`;
  for (const month of monthsOf(period)) {
    if (month < firstMonth) continue;
    if (closed !== null && month >= closed) break;
    const operator = operatorInMonth(facility, month);
    if (operator) byOperator.set(operator, [...(byOperator.get(operator) ?? []), month]);
  }
  return byOperator;
}

/** A filed report's company, sites and period. */
export interface FiledReport {
  companyId: string;
  facilityId: string | null;
  depositId: string | null;
  period: string;
}

/**
 * The periods a report could have that covers a month of `period`: each of its
 * months and the quarters they fall in. Reports are for months or quarters
 * whatever kind obligations are for, and a site's months are accepted once,
 * by either (a quarter after its months is refused as already reported).
 */
export function periodsCovering(period: string): string[] {
  const months = monthsOf(period);
  return [
    ...new Set(months.flatMap((month) => [periodContaining('month', month), periodContaining('quarter', month)])),
  ];
}

/**
 * Which obligations the reports meet: those whose every month (of those the
 * company answers for) some report of the company and site covers. A report of a facility at a deposit covers the
 * months of both.
 */
export function metBy(reports: readonly FiledReport[]): (obligation: ReportingObligation) => boolean {
  const siteMonth = (companyId: string, siteId: string, month: string) => `${companyId}:${siteId}:${month}`;
  const covered = new Set<string>();
  for (const report of reports) {
    for (const month of monthsOf(report.period)) {
      if (report.facilityId) covered.add(siteMonth(report.companyId, report.facilityId, month));
      if (report.depositId) covered.add(siteMonth(report.companyId, report.depositId, month));
    }
  }
  return (obligation) => {
    const siteId = obligation.facilityId ?? obligation.depositId ?? '';
    const months = obligation.months ?? monthsOf(obligation.period);
    return months.every((month) => covered.has(siteMonth(obligation.companyId, siteId, month)));
  };
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
