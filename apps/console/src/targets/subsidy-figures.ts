import { formatDecimal } from '../common/format';

/** The programme years target-monitoring answers for (its query's bounds). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The programme year the address names, or the year of `today` when it names none the service would take. */
export function programmeYearOf(raw: string, today: string): number {
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : Number(today.slice(0, 4));
}

/** A day (`2026-06-30`) the address names, if it is one of the calendar's and not after `today`. */
export function asOfDayOf(raw: string, today: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || raw > today) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === raw ? raw : undefined;
}

/** The years offered: next year (its budget may be set already), this year and four before, and the chosen one. */
export function programmeYearChoices(current: number, chosen: number): number[] {
  const years = [current + 1, current, current - 1, current - 2, current - 3, current - 4];
  return years.includes(chosen) ? years : [...years, chosen].sort((a, b) => b - a);
}

/** The budget's utilisation (a percentage as a decimal string) as a bar's fraction: within 0 and 1. */
export function utilisationFraction(percent: string): number {
  const value = Number(percent);
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value / 100)) : 0;
}

/** A change as a decimal string, its sign always shown (`+12,5`, `−3`, `0`); a dash when there is none. */
export function formatChange(value: string | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const formatted = formatDecimal(value, locale);
  return /^-|^0+(\.0+)?$/.test(value.trim()) ? formatted : `+${formatted}`;
}
