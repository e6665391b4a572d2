import { addMonths, addYears, monthsIn, parseStatPeriod, trailingYear } from './months';

describe('months', () => {
  it('reads months, quarters and years', () => {
    expect(parseStatPeriod('2026-02')).toEqual({
      period: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
      months: 1,
    });
    expect(parseStatPeriod('2026-Q4')).toEqual({
      period: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
      months: 3,
    });
    expect(parseStatPeriod('2025')).toMatchObject({ start: '2025-01-01', end: '2025-12-31', months: 12 });
    expect(() => parseStatPeriod('2026-13')).toThrow(RangeError);
  });

  it('takes the twelve complete months up to a day as the trailing year', () => {
    expect(trailingYear('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-01' });
    expect(trailingYear('2026-11-29')).toEqual({ from: '2025-11-01', to: '2026-10-01' });
    expect(monthsIn(trailingYear('2026-03-01'))).toHaveLength(12);
  });

  it('moves across year ends and leap days', () => {
    expect(addMonths('2026-11-01', 3)).toBe('2027-02-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addYears('2028-02-29', -1)).toBe('2027-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addMonths('0050-12-01', 1)).toBe('0051-01-01');
    expect(parseStatPeriod('0050')).toMatchObject({ start: '0050-01-01', end: '0050-12-31' });
  });
});
