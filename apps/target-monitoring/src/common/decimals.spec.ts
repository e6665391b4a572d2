import Decimal from 'decimal.js';
import { percent, splitEvenly, tonnes } from './decimals';

describe('decimals', () => {
  it('spreads a quarter over its months so that they add up exactly', () => {
    const months = splitEvenly('100', 3);
    expect(months.map((month) => month.toFixed())).toEqual(['33.333333', '33.333333', '33.333334']);
    expect(months.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed()).toBe('100');
    expect(splitEvenly('12.5', 1).map((month) => month.toFixed())).toEqual(['12.5']);
  });

  it('writes tonnes without exponent or trailing zeros, and shares as percentages', () => {
    expect(tonnes('0.0000001')).toBe('0');
    expect(tonnes('1250.500000')).toBe('1250.5');
    expect(percent('1', '3')).toBe('33.33');
    expect(percent('1', '0')).toBeNull();
  });
});
