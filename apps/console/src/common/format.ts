/**
 * Formatting of the API's exact values: money is integer kopecks and
 * quantities are decimal strings, so both are formatted from their digits
 * (BigInt for the integer part), never through floating point.
 */
import type { Language } from '../i18n/i18n';

function groupInteger(digits: bigint, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: true }).format(digits);
}

function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/** `125000050` kopecks → `1 250 000,50 ₽` (ru) / `₽1,250,000.50` style per locale. */
export function formatKopecks(kopecks: string | null | undefined, locale: string): string {
  if (kopecks === null || kopecks === undefined || kopecks === '') return '—';
  const value = BigInt(kopecks);
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const roubles = groupInteger(absolute / 100n, locale);
  const cents = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '−' : ''}${roubles}${decimalSeparator(locale)}${cents} ₽`;
}

/** A decimal string (`1250.5`) with the locale's grouping and separator, its digits kept. */
export function formatDecimal(value: string | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, integer, fraction] = match;
  const grouped = groupInteger(BigInt(integer), locale);
  return `${sign ? '−' : ''}${grouped}${fraction ? decimalSeparator(locale) + fraction : ''}`;
}

/** Roubles as typed by a person (`1 250 000,5`; `1,250,000.5` in English) → kopecks, or null when it is not an amount. */
export function parseRoubles(text: string, language: Language): string | null {
  const cleaned = normaliseDecimal(text.replace(/₽/g, ''), language);
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const kopecks = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return kopecks.toString();
}

/** Kopecks → roubles as a plain editable text (`1250000.50`). */
export function kopecksToRoubleText(kopecks: string): string {
  const value = BigInt(kopecks);
  return `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
}

/** Thousands grouped by commas, as English writes them. */
const ENGLISH_GROUPS = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * A decimal as a person types it in the console's language → the API's form (`1250.5`), left as typed when it
 * is not one, so the service names the field. Spaces group thousands in either language; a comma is the
 * decimal mark in Russian (`1 250,5`) and groups thousands in English (`1,250.5`), where `1,250` is 1250:
 * read as Russian, it would be sent as 1.25.
 */
export function normaliseDecimal(text: string, language: Language): string {
  const ungrouped = text.replace(/[\s\u00a0\u202f]/g, '');
  if (language === 'en') return ENGLISH_GROUPS.test(ungrouped) ? ungrouped.replace(/,/g, '') : ungrouped;
  return ungrouped.replace(',', '.');
}

/**
 * The services' calendar (their TIME_ZONE): a due day, "today" or the day
 * something happened is a Moscow day wherever the browser is, and between
 * midnight in Moscow and midnight UTC the two are different days.
 */
export const SERVICES_TIME_ZONE = 'Europe/Moscow';

/**
 * A date and time typed in a `datetime-local` field (`2026-12-03T18:00`) as the instant it names on the
 * services' clock: the console shows every time of day as Moscow's, so one typed in is Moscow's too, wherever
 * the browser is. Undefined when it is not one.
 */
export function servicesInstant(local: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0));
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(asIfUtc) || new Date(asIfUtc).getUTCDate() !== day) return undefined;
  // The zone's offset at that moment, read back from how the zone writes it; asked twice, for a change of offset.
  const offsetAt = (instant: number) => {
    const written = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: SERVICES_TIME_ZONE,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(instant)
        .map((part) => [part.type, Number(part.value)]),
    );
    const wall = Date.UTC(written.year, written.month - 1, written.day, written.hour, written.minute, written.second);
    return wall - instant;
  };
  const first = asIfUtc - offsetAt(asIfUtc);
  return new Date(asIfUtc - offsetAt(first)).toISOString();
}

/** A day (`2026-04-01`) or the day an instant fell on in the services' calendar. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = iso.length === 10 ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : SERVICES_TIME_ZONE,
  }).format(date);
}

/**
 * An instant on the services' clock, with its offset: the day beside it is a
 * Moscow day (formatDate), and a producer east of Moscow must not read that
 * day with its own clock's hour.
 */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: SERVICES_TIME_ZONE,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Whole days from `from` to `to` (ISO dates or timestamps). */
export function daysBetween(from: string | Date, to: string | Date = new Date()): number {
  const start = typeof from === 'string' ? new Date(from.length === 10 ? `${from}T00:00:00Z` : from) : from;
  const end = typeof to === 'string' ? new Date(to.length === 10 ? `${to}T00:00:00Z` : to) : to;
  return Math.floor((end.getTime() - start.getTime()) / 86_400_000);
}

/** Today (or the day of `now`) as an ISO date in the services' calendar. */
export function today(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: SERVICES_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A rate as the API gives it (`0.125`, a decimal string) as a percentage with every digit kept: `12,5 %`. */
export function formatRate(rate: string, locale: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) return rate;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const percent = `${BigInt(match[1] + fraction.slice(0, 2))}`;
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${formatDecimal(rest ? `${percent}.${rest}` : percent, locale)} %`;
}
