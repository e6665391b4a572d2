import { addDays } from '@redmet/platform';

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
