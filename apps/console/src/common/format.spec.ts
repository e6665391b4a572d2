import { describe, expect, it } from '@jest/globals';
import { recentQuarters } from '../reports/periods';
import {
  formatDate,
  formatDateTime,
  formatRate,
  normaliseDecimal,
  parseRoubles,
  servicesInstant,
  today,
} from './format';

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

describe('console: decimals and roubles as people type them in the console’s language', () => {
  it('reads a comma as the decimal mark in Russian and spaces as groups', () => {
    expect(normaliseDecimal('1 250,5', 'ru')).toBe('1250.5');
    expect(normaliseDecimal('1\u00a0250,5', 'ru')).toBe('1250.5');
    expect(normaliseDecimal('1250.5', 'ru')).toBe('1250.5');
    expect(parseRoubles('1 250 000,50 ₽', 'ru')).toBe('125000050');
  });

  it('reads commas as thousands in English, never as the decimal mark, so 1,250 is 1250 and not 1.25', () => {
    expect(normaliseDecimal('1,250', 'en')).toBe('1250');
    expect(normaliseDecimal('1,250.5', 'en')).toBe('1250.5');
    expect(normaliseDecimal('12,345,678.125', 'en')).toBe('12345678.125');
    expect(normaliseDecimal('1 250.5', 'en')).toBe('1250.5');
    expect(parseRoubles('1,250,000.50', 'en')).toBe('125000050');
  });

  it('leaves a comma that groups nothing as typed in English, for the service to name the field', () => {
    expect(normaliseDecimal('1,5', 'en')).toBe('1,5');
    expect(normaliseDecimal('12,50.5', 'en')).toBe('12,50.5');
    expect(parseRoubles('1,5', 'en')).toBeNull();
  });
});

describe('console: a date and time typed in is Moscow’s, wherever the browser is', () => {
  it('takes 18:00 as 18:00 in Moscow (15:00 UTC), across midnight too', () => {
    expect(servicesInstant('2026-12-03T18:00')).toBe('2026-12-03T15:00:00.000Z');
    expect(servicesInstant('2026-04-01T01:30')).toBe('2026-03-31T22:30:00.000Z');
    expect(servicesInstant('2026-07-15T09:05:30')).toBe('2026-07-15T06:05:30.000Z');
  });

  it('names no instant for what is not a date and time', () => {
    expect(servicesInstant('2026-02-30T10:00')).toBeUndefined();
    expect(servicesInstant('tomorrow')).toBeUndefined();
    expect(servicesInstant('')).toBeUndefined();
  });
});
