import { parsePeriod } from '@redmet/contracts';

export type PeriodKind = 'month' | 'quarter';

function nextMonth(firstDay: string): string {
  const [year, month] = firstDay.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/** The period of `kind` that contains `day`. */
export function periodContaining(kind: PeriodKind, day: string): string {
  const [year, month] = day.split('-').map(Number);
  return kind === 'month' ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** Periods of `kind` from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(kind: PeriodKind, from: string, to: string): string[] {
  const periods: string[] = [];
  for (let day = from; day <= to;) {
    const period = periodContaining(kind, day);
    periods.push(period);
    day = nextMonth(parsePeriod(period).end.slice(0, 8) + '01');
  }
  return periods;
}
