import { addDays, daysBetween, isoDay } from './dates';

describe('calendar days', () => {
  it('takes the UTC day of an instant', () => {
    expect(isoDay(new Date('2026-03-31T23:30:00-02:00'))).toBe('2026-04-01');
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2040-06-30', 1)).toBe('2040-07-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2040-07-01', -1)).toBe('2040-06-30');
  });

  it('counts whole days, negative when the second day comes first', () => {
    expect(daysBetween('2040-01-02', '2040-06-30')).toBe(180);
    expect(daysBetween('2040-07-01', '2040-06-30')).toBe(-1);
  });
});
