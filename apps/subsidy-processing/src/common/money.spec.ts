import { floorDiv, fraction, multiplyDown, percent } from './money';

describe('money in kopecks', () => {
  it('reads decimal strings as exact fractions', () => {
    expect(fraction('0.35')).toEqual({ numerator: 35n, denominator: 100n });
    expect(fraction('12')).toEqual({ numerator: 12n, denominator: 1n });
    expect(() => fraction('-0.1')).toThrow(RangeError);
    expect(() => fraction('1e3')).toThrow(RangeError);
  });

  it('rounds a rate times an amount down to the kopeck', () => {
    expect(multiplyDown(100n, '0.35')).toBe(35n);
    expect(multiplyDown(101n, '0.35')).toBe(35n); // 35.35 kopecks
    expect(multiplyDown(199n, '0.5')).toBe(99n); // 99.5 kopecks
  });

  it('multiplies a price difference, a quantity and a rate exactly before rounding once', () => {
    // (1 000.00 RUB − 900.00 RUB) × 2.5 t × 35% = 8 750.00 RUB
    expect(multiplyDown(100000n - 90000n, '2.5', '0.35')).toBe(8750n);
    // 1 kopeck × 0.333333 × 3 = 0.999999 kopecks: rounding per step would give 0, once gives 0 as well
    expect(multiplyDown(1n, '0.333333', '3')).toBe(0n);
    // stays exact far beyond the float range: 1.07 bn RUB × 35%
    expect(multiplyDown(107000000000n, '0.35')).toBe(37450000000n);
    expect(multiplyDown(999999999999999999n, '0.999999')).toBe(999998999999999999n);
  });

  it('floors negative quotients towards minus infinity', () => {
    expect(floorDiv(-7n, 2n)).toBe(-4n);
    expect(floorDiv(7n, 2n)).toBe(3n);
  });

  it('gives utilisation with two decimals, rounded down', () => {
    expect(percent(4000000000n, 107000000000n)).toBe('3.73');
    expect(percent(107000000000n, 107000000000n)).toBe('100.00');
    expect(percent(0n, 0n)).toBe('0.00');
  });
});
