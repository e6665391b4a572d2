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

/**
 * A moment written as ISO 8601 date and time with its zone (`2026-12-31T23:59:59Z`, `…+03:00`), which
 * exists. ISO 8601 also has week dates, ordinal dates and the basic format (`2026-W50-1`,
 * `20261231T235959Z`), which JavaScript's Date cannot read, and a time without a zone, which the server
 * would read in its own.
 */
export function IsInstant(): PropertyDecorator {
  return (target, property) => {
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i, {
      message: '$property must be a date and time with its zone, e.g. 2026-12-31T23:59:59Z',
    })(target, property);
    IsISO8601({ strict: true }, { message: '$property must be a real date and time' })(target, property);
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
