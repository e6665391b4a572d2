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

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(Date.parse(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The `count`-th working day after `from` (which itself is not counted):
 * Monday to Friday, skipping the given public holidays.
 */
export function addWorkingDays(from: string, count: number, holidays: ReadonlySet<string>): string {
  let day = from;
  for (let counted = 0; counted < count;) {
    day = addDays(day, 1);
    if (!isWeekend(day) && !holidays.has(day)) counted += 1;
  }
  return day;
}
