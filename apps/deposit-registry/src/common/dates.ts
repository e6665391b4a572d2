import { IsISO8601, Matches } from 'class-validator';

const DAY_MS = 86_400_000;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day written `YYYY-MM-DD` that exists: `2023-02-30` and timestamps are refused. */
export function IsIsoDate(): PropertyDecorator {
  return (target, property) => {
    Matches(ISO_DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' })(target, property);
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a real calendar date' })(
      target,
      property,
    );
  };
}

/**
 * The registry's dates are calendar days in UTC, so "today" does not depend on
 * the time zone of the server that happens to run the check.
 */
export function isoDay(instant: Date = new Date()): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(day) + days * DAY_MS));
}

/** Whole days from `from` to `to`; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}
