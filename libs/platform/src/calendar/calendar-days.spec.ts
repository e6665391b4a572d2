import { addDays, calendarDay, daysBetween } from './calendar-days';

describe('calendar days', () => {
  it('takes the day an instant falls on in the time zone asked for', () => {
    // 01:30 on 1 May in Moscow, 10:30 in Vladivostok, still 30 April in UTC.
    const instant = new Date('2024-04-30T22:30:00Z');
    expect(calendarDay(instant, 'Europe/Moscow')).toBe('2024-05-01');
    expect(calendarDay(instant, 'Asia/Vladivostok')).toBe('2024-05-01');
    expect(calendarDay(instant, 'UTC')).toBe('2024-04-30');
    expect(calendarDay(new Date('2026-03-31T23:30:00-02:00'), 'UTC')).toBe('2026-04-01');
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
