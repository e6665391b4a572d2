import { describe, expect, it } from '@jest/globals';
import { daysOf, isMonth, monthRangeOf, monthsIn } from './periods';

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

describe('daysOf', () => {
  it('spans a month or a quarter from its first day to its last', () => {
    expect(daysOf('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(daysOf('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(daysOf('2026-Q2')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(daysOf('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });

  it('has no days for a year or what is not a reporting period', () => {
    expect(['2026', '2026-13', '2026-Q5', '', ' 2026-Q1'].map(daysOf)).toEqual(Array(5).fill(null));
  });
});

describe('monthsIn', () => {
  it('lists the months of a month, a quarter or a year in order, and none of anything else', () => {
    expect(monthsIn('2026-02')).toEqual(['2026-02']);
    expect(monthsIn('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsIn('2026')).toHaveLength(12);
    expect(monthsIn('2026')[11]).toBe('2026-12');
    expect(monthsIn('2026-Q5')).toEqual([]);
  });
});
