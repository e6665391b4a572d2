import { isoDate } from '@redmet/contracts';
import { daysBetween } from '@redmet/platform';

/**
 * Calendar arithmetic on months written as their first day (`2026-03-01`), the
 * grain of every aggregate. Days are on TIME_ZONE's calendar (Clock); the
 * arithmetic on them is the same in any zone.
 */
export type Month = string;

export interface StatPeriod {
  period: string;
  start: string;
  end: string;
  months: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function span(period: string, year: number, firstMonth: number, months: number): StatPeriod {
  return {
    period,
    start: isoDate(year, firstMonth, 1),
    end: isoDate(year, firstMonth + months, 0),
    months,
  };
}

/** Periods repeat (a replay reads thousands of reports of each): each is parsed once. */
const parsedPeriods = new Map<string, StatPeriod>();
const PARSED_PERIODS_KEPT = 10_000;

export function parseStatPeriod(period: string): StatPeriod {
  let parsed = parsedPeriods.get(period);
  if (!parsed) {
    if (parsedPeriods.size >= PARSED_PERIODS_KEPT) parsedPeriods.clear();
    parsed = Object.freeze(parsePeriodText(period));
    parsedPeriods.set(period, parsed);
  }
  return parsed;
}

function parsePeriodText(period: string): StatPeriod {
  const month = MONTH.exec(period);
  if (month) return span(period, Number(month[1]), Number(month[2]) - 1, 1);
  const quarter = QUARTER.exec(period);
  if (quarter) return span(period, Number(quarter[1]), (Number(quarter[2]) - 1) * 3, 3);
  const year = YEAR.exec(period);
  if (year) return span(period, Number(year[1]), 0, 12);
  throw new RangeError(`not a period: ${period} (expected YYYY-MM, YYYY-Qn or YYYY)`);
}

export function monthOf(day: string): Month {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(month: Month, count: number): Month {
  const [year, monthNumber] = month.split('-').map(Number);
  return isoDate(year, monthNumber - 1 + count, 1);
}

export function lastDayOf(month: Month): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return isoDate(year, monthNumber, 0);
}

export function addYears(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number);
  // 29 February a year on is 28 February, not 1 March.
  const lastDay = Number(isoDate(year + years, month, 0).slice(8));
  return isoDate(year + years, month - 1, Math.min(date, lastDay));
}

export interface MonthWindow {
  from: Month;
  to: Month;
}

/** The twelve complete months up to `asOf`: a month counts once its last day has come. */
export function trailingYear(asOf: string): MonthWindow {
  const current = monthOf(asOf);
  const to = lastDayOf(current) === asOf ? current : addMonths(current, -1);
  return { from: addMonths(to, -11), to };
}

export function calendarYear(year: number): MonthWindow {
  return { from: `${year}-01-01`, to: `${year}-12-01` };
}

export function monthsIn(window: MonthWindow): Month[] {
  const months: Month[] = [];
  for (let month = window.from; month <= window.to; month = addMonths(month, 1)) months.push(month);
  return months;
}

export function inWindow(month: Month, window: MonthWindow): boolean {
  return month >= window.from && month <= window.to;
}

/** Years (fractional, by days) from one day to another. */
export function yearsBetween(from: string, to: string): number {
  return daysBetween(from, to) / 365.25;
}
