import { today } from '../common/format';

/** Reporting periods: a month `2026-03` or a quarter `2026-Q1`. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Whether `period` names one month (`2026-03`). */
export function isMonth(period: string): boolean {
  return MONTH.test(period);
}

export function periodLabel(period: string, language: 'ru' | 'en'): string {
  const month = MONTH.exec(period);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(date);
  }
  const quarter = QUARTER.exec(period);
  if (quarter) return language === 'ru' ? `${quarter[2]} кв. ${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  return period;
}

/** The quarter a period falls in (`2026-02` → `2026-Q1`). */
export function quarterOf(period: string): string | null {
  if (QUARTER.test(period)) return period;
  const month = MONTH.exec(period);
  return month ? `${month[1]}-Q${Math.ceil(Number(month[2]) / 3)}` : null;
}

/** The first and last month of a month, a quarter or a year (`2026-Q3` → `2026-07`, `2026-09`); null for none. */
export function monthRangeOf(period: string): { from: string; to: string } | null {
  if (MONTH.test(period)) return { from: period, to: period };
  const quarter = QUARTER.exec(period);
  const month = (year: string, number: number) => `${year}-${String(number).padStart(2, '0')}`;
  if (quarter)
    return { from: month(quarter[1], Number(quarter[2]) * 3 - 2), to: month(quarter[1], Number(quarter[2]) * 3) };
  return /^\d{4}$/.test(period) ? { from: `${period}-01`, to: `${period}-12` } : null;
}

/** The months of a month, a quarter or a year, in order (`2026-Q3` → `2026-07`, `2026-08`, `2026-09`). */
export function monthsIn(period: string): string[] {
  const range = monthRangeOf(period);
  if (!range) return [];
  const [year, first] = range.from.split('-').map(Number);
  const last = Number(range.to.slice(5, 7));
  return Array.from({ length: last - first + 1 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}

/** The first and last day of a reporting period, a month or a quarter (`2026-Q2` → `2026-04-01`, `2026-06-30`); null for none. */
export function daysOf(period: string): { start: string; end: string } | null {
  if (!PERIOD_PATTERN.test(period)) return null;
  const range = monthRangeOf(period) as { from: string; to: string };
  const [year, month] = range.to.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${range.from}-01`, end: `${range.to}-${String(lastDay).padStart(2, '0')}` };
}

/** The last few finished quarters, newest first: what a producer usually reports or claims for. */
export function recentQuarters(count: number, now = new Date()): string[] {
  const day = today(now);
  let year = Number(day.slice(0, 4));
  let quarter = Math.ceil(Number(day.slice(5, 7)) / 3);
  const quarters: string[] = [];
  for (let index = 0; index < count; index += 1) {
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
    quarters.push(`${year}-Q${quarter}`);
  }
  return quarters;
}
