import { monthsOf } from '@redmet/contracts';
import { periodContaining, periodsBetween } from './periods';

describe('reporting periods', () => {
  it('lists the months a period spans', () => {
    expect(monthsOf('2026-03')).toEqual(['2026-03-01']);
    expect(monthsOf('2026-Q4')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(monthsOf('0999-Q1')).toEqual(['0999-01-01', '0999-02-01', '0999-03-01']);
    expect(monthsOf('9999-12')).toEqual(['9999-12-01']);
  });

  it('finds the period of a day', () => {
    expect(periodContaining('quarter', '2026-05-31')).toBe('2026-Q2');
    expect(periodContaining('month', '2026-05-31')).toBe('2026-05');
  });

  it('lists periods across a year end', () => {
    expect(periodsBetween('quarter', '2025-11-15', '2026-04-01')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodsBetween('month', '2025-12-01', '2026-02-28')).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('month', '2026-03-01', '2026-02-01')).toEqual([]);
  });
});
