const DAY_MS = 86_400_000;

/** Reporting dates are calendar days in UTC, so "today" does not depend on the server's time zone. */
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
