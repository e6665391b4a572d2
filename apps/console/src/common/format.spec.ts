import { describe, expect, it } from '@jest/globals';
import { recentQuarters } from '../reports/periods';
import { formatDate, formatDateTime, formatRate, today } from './format';

/** 1 April 2026, 01:30 in Moscow: still 31 March in UTC. */
const MOSCOW_NIGHT = new Date('2026-03-31T22:30:00Z');

describe('console: days are the services’ (Moscow) days', () => {
  it('takes today from Moscow’s calendar, not UTC’s', () => {
    expect(today(MOSCOW_NIGHT)).toBe('2026-04-01');
    expect(today(new Date('2026-04-01T20:59:59Z'))).toBe('2026-04-01');
    expect(today(new Date('2026-04-01T21:00:00Z'))).toBe('2026-04-02');
  });

  it('counts the quarter just ended from Moscow’s calendar', () => {
    expect(recentQuarters(2, MOSCOW_NIGHT)).toEqual(['2026-Q1', '2025-Q4']);
  });

  it('gives the day an instant fell on in Moscow, and a day as it is', () => {
    expect(formatDate('2026-03-31T22:30:00Z', 'en-GB')).toBe('1 Apr 2026');
    expect(formatDate('2026-03-31', 'en-GB')).toBe('31 Mar 2026');
  });

  it('tells the time of an instant on Moscow’s clock, with its offset, in any browser', () => {
    expect(formatDateTime('2026-03-31T22:30:00Z', 'en-GB')).toBe('1 Apr 2026, 01:30 GMT+3');
    expect(formatDateTime('2026-03-31T22:30:00Z', 'ru')).toBe('1 апр. 2026 г., 01:30 GMT+3');
  });
});

describe('console: rates as percentages', () => {
  it.each([
    ['0.125', '12,5 %'],
    ['0.35', '35 %'],
    ['0.5', '50 %'],
    ['1', '100 %'],
    ['0.000001', '0,0001 %'],
  ])('%s is %s, every digit kept', (rate, percent) => {
    expect(formatRate(rate, 'ru-RU')).toBe(percent);
  });
});
