import { Matches } from 'class-validator';

/** A reporting period: a month (`2026-03`) or a quarter (`2026-Q1`). */
export type ReportingPeriod = string;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

/**
 * What people may type: the years 1900–2199. Events keep the wider patterns
 * above (narrowing them would break readers of older messages); the edges
 * that take a period from a request or a file use these, so that every
 * period's dates are ordinary four-digit ISO dates, as the calendar
 * arithmetic and its string comparisons need (year 50 would be read as 1950,
 * and the month after 9999-12 is written +010000-01).
 */
const INPUT_YEAR = '((?:19|20|21)\\d{2})';
export const INPUT_YEARS = '1900–2199';
export const MONTH_INPUT_PATTERN = new RegExp(`^${INPUT_YEAR}-(0[1-9]|1[0-2])$`);
export const QUARTER_INPUT_PATTERN = new RegExp(`^${INPUT_YEAR}-Q([1-4])$`);
export const PERIOD_INPUT_PATTERN = new RegExp(`^${INPUT_YEAR}-(0[1-9]|1[0-2]|Q[1-4])$`);
/** A month, a quarter or, as customs statistics give some figures, a whole year. */
export const STAT_PERIOD_INPUT_PATTERN = new RegExp(`^${INPUT_YEAR}(-(0[1-9]|1[0-2]|Q[1-4]))?$`);
export const DATE_INPUT_PATTERN = new RegExp(`^${INPUT_YEAR}-\\d{2}-\\d{2}$`);

export interface PeriodRange {
  kind: 'month' | 'quarter';
  /** First day, inclusive, as an ISO date. */
  start: string;
  /** Last day, inclusive, as an ISO date. */
  end: string;
}

/**
 * The ISO date of a day given as `Date.UTC` takes it (month and day may run
 * over into the next ones), for any four-digit year: `Date.UTC` reads the
 * years 0–99 as 1900–1999, which an event's wider pattern lets through.
 */
export function isoDate(year: number, monthIndex: number, day: number): string {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.toISOString().slice(0, 10);
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

/** First days of the calendar months a period spans: one for a month, three for a quarter. */
export function monthsOf(period: string): string[] {
  const { kind, start } = parsePeriod(period);
  const first = new Date(`${start}T00:00:00Z`);
  const count = kind === 'month' ? 1 : 3;
  return Array.from({ length: count }, (_, i) => isoDate(first.getUTCFullYear(), first.getUTCMonth() + i, 1));
}

export function IsReportingPeriod(): PropertyDecorator {
  return Matches(PERIOD_PATTERN, { message: '$property must be a month (YYYY-MM) or a quarter (YYYY-Qn)' });
}

/** A reporting period typed by a person or read from a file. */
export function IsReportingPeriodInput(): PropertyDecorator {
  return Matches(PERIOD_INPUT_PATTERN, {
    message: `$property must be a month (YYYY-MM) or a quarter (YYYY-Qn) of the years ${INPUT_YEARS}`,
  });
}
