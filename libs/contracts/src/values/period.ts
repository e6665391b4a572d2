import { Matches } from 'class-validator';

/** A reporting period: a month (`2026-03`) or a quarter (`2026-Q1`). */
export type ReportingPeriod = string;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export interface PeriodRange {
  kind: 'month' | 'quarter';
  /** First day, inclusive, as an ISO date. */
  start: string;
  /** Last day, inclusive, as an ISO date. */
  end: string;
}

function isoDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

export function parsePeriod(period: string): PeriodRange {
  const month = MONTH_PATTERN.exec(period);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2]) - 1];
    return { kind: 'month', start: isoDate(year, m, 1), end: isoDate(year, m + 1, 0) };
  }
  const quarter = QUARTER_PATTERN.exec(period);
  if (quarter) {
    const [year, firstMonth] = [Number(quarter[1]), (Number(quarter[2]) - 1) * 3];
    return { kind: 'quarter', start: isoDate(year, firstMonth, 1), end: isoDate(year, firstMonth + 3, 0) };
  }
  throw new RangeError(`not a reporting period: ${period} (expected YYYY-MM or YYYY-Qn)`);
}

export function IsReportingPeriod(): PropertyDecorator {
  return Matches(PERIOD_PATTERN, { message: '$property must be a month (YYYY-MM) or a quarter (YYYY-Qn)' });
}
