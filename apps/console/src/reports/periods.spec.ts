import { describe, expect, it } from '@jest/globals';
import { isMonth, monthRangeOf } from './periods';

describe('monthRangeOf', () => {
  it('spans a month, a quarter and a year by their first and last months', () => {
    expect(monthRangeOf('2026-07')).toEqual({ from: '2026-07', to: '2026-07' });
    expect(monthRangeOf('2026-Q1')).toEqual({ from: '2026-01', to: '2026-03' });
    expect(monthRangeOf('2026-Q4')).toEqual({ from: '2026-10', to: '2026-12' });
    expect(monthRangeOf('2026')).toEqual({ from: '2026-01', to: '2026-12' });
  });

  it('has no range for what is not a period', () => {
    expect(monthRangeOf('2026-13')).toBeNull();
    expect(monthRangeOf('2026-Q5')).toBeNull();
    expect(monthRangeOf('')).toBeNull();
  });
});

describe('isMonth', () => {
  it('takes a month and nothing else', () => {
    expect(['2026-01', '2026-12'].map(isMonth)).toEqual([true, true]);
    expect(['2026-00', '2026-13', '2026-Q1', '2026', '', '2026-1'].map(isMonth)).toEqual(Array(6).fill(false));
  });
});
