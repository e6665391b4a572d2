/**
 * Money is integer kopecks (bigint here, bigint in PostgreSQL, strings in JSON);
 * rates and quantities are decimal strings. Nothing passes through a float.
 *
 * Rounding rule: a product of money and a rate or quantity is computed exactly
 * (as a fraction) and then rounded down to the whole kopeck, once per line.
 */
const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** `"0.35"` → 35/100, exactly. */
export function fraction(decimal: string): Fraction {
  const match = DECIMAL_TEXT.exec(decimal);
  if (!match) throw new RangeError(`not a non-negative decimal: ${decimal}`);
  const decimals = match[2] ?? '';
  return { numerator: BigInt(match[1] + decimals), denominator: 10n ** BigInt(decimals.length) };
}

/** Rounds towards minus infinity, as integer division of bigints does not for negative values. */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** amount × factor₁ × factor₂ …, rounded down to the kopeck. */
export function multiplyDown(amount: bigint, ...factors: string[]): bigint {
  let numerator = amount;
  let denominator = 1n;
  for (const factor of factors) {
    const { numerator: n, denominator: d } = fraction(factor);
    numerator *= n;
    denominator *= d;
  }
  return floorDiv(numerator, denominator);
}

export function minKopecks(...amounts: bigint[]): bigint {
  return amounts.reduce((least, amount) => (amount < least ? amount : least));
}

export function maxKopecks(...amounts: bigint[]): bigint {
  return amounts.reduce((most, amount) => (amount > most ? amount : most));
}

/** part / whole × 100 with two decimals, rounded down: `"42.50"`. A zero budget is 0% used. */
export function percent(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0.00';
  const hundredths = floorDiv(part * 10000n, whole);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}
