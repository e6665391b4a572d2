import { IsISO8601, Matches } from 'class-validator';

const DAY_MS = 86_400_000;

/** A calendar day written `YYYY-MM-DD` that exists: `2026-02-30` and timestamps are refused. */
export function IsIsoDate(): PropertyDecorator {
  return (target, property) => {
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' })(target, property);
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a real calendar date' })(
      target,
      property,
    );
  };
}

/** Day arithmetic on `YYYY-MM-DD`, done on UTC midnights so that no daylight-saving change shifts it. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day, `YYYY-MM-DD`, that an instant falls on in an IANA time zone. */
export function calendarDay(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(instant);
}
