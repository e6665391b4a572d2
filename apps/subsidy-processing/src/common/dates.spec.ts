import { addWorkingDays } from './dates';

describe('working days', () => {
  it('counts ten working days from a Monday to the Monday two weeks later', () => {
    expect(addWorkingDays('2026-06-15', 10, new Set())).toBe('2026-06-29');
  });

  it('does not count the demand day itself, nor weekends, when the demand is on a Friday', () => {
    expect(addWorkingDays('2026-06-19', 1, new Set())).toBe('2026-06-22');
  });

  it('skips configured public holidays', () => {
    // Russia Day, Friday 12 June 2026
    expect(addWorkingDays('2026-06-08', 10, new Set(['2026-06-12']))).toBe('2026-06-23');
    expect(addWorkingDays('2026-06-08', 10, new Set())).toBe('2026-06-22');
  });

  it('crosses the year end', () => {
    expect(addWorkingDays('2026-12-30', 3, new Set(['2027-01-01']))).toBe('2027-01-05');
  });
});
