import { describe, expect, it } from '@jest/globals';
import { asOfDayOf, formatChange, programmeYearChoices, programmeYearOf, utilisationFraction } from './subsidy-figures';

describe('console: the subsidy page’s programme year and day', () => {
  it('takes the year the address names, else the current one', () => {
    expect(programmeYearOf('2025', '2026-12-03')).toBe(2025);
    expect(programmeYearOf('', '2026-12-03')).toBe(2026);
    expect(programmeYearOf('1999', '2026-12-03')).toBe(2026);
    expect(programmeYearOf('2101', '2026-12-03')).toBe(2026);
    expect(programmeYearOf('20x5', '2026-12-03')).toBe(2026);
  });

  it('takes a real day up to today, and nothing else', () => {
    expect(asOfDayOf('2026-06-30', '2026-12-03')).toBe('2026-06-30');
    expect(asOfDayOf('2026-12-03', '2026-12-03')).toBe('2026-12-03');
    expect(asOfDayOf('2026-12-04', '2026-12-03')).toBeUndefined();
    expect(asOfDayOf('2026-02-30', '2026-12-03')).toBeUndefined();
    expect(asOfDayOf('30.06.2026', '2026-12-03')).toBeUndefined();
    expect(asOfDayOf('', '2026-12-03')).toBeUndefined();
  });

  it('offers next year, this year and four before, and keeps a chosen year outside them', () => {
    expect(programmeYearChoices(2026, 2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(programmeYearChoices(2026, 2015)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2015]);
  });
});

describe('console: the subsidy page’s figures', () => {
  it('draws utilisation within the bar, whatever the percentage', () => {
    expect(utilisationFraction('42.50')).toBeCloseTo(0.425);
    expect(utilisationFraction('0.00')).toBe(0);
    expect(utilisationFraction('130.00')).toBe(1);
    expect(utilisationFraction('-5')).toBe(0);
    expect(utilisationFraction('n/a')).toBe(0);
  });

  it('shows a change with its sign, grouped as the locale groups', () => {
    expect(formatChange('1250.5', 'ru-RU')).toBe('+1\u00a0250,5');
    expect(formatChange('1250.5', 'en-GB')).toBe('+1,250.5');
    expect(formatChange('-3.20', 'ru-RU')).toBe('−3,20');
    expect(formatChange('0', 'ru-RU')).toBe('0');
    expect(formatChange('0.000', 'en-GB')).toBe('0.000');
    expect(formatChange(null, 'en-GB')).toBe('—');
  });
});
