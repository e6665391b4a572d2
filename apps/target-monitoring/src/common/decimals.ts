import Decimal from 'decimal.js';

/** Quantities up to 15 integer digits and 6 decimals, and sums of many of them, stay exact. */
Decimal.set({ precision: 40 });

/** Tonnes as a decimal string rounded to 6 places, without trailing zeros or exponent. */
export function tonnes(value: Decimal.Value): string {
  return new Decimal(value).toDecimalPlaces(6).toFixed();
}

/** A share as a percentage string with two decimals, e.g. `63.16`. */
export function percent(part: Decimal.Value, whole: Decimal.Value): string | null {
  const total = new Decimal(whole);
  if (total.lessThanOrEqualTo(0)) return null;
  return new Decimal(part).div(total).times(100).toDecimalPlaces(2).toFixed(2);
}

export function sum(values: Decimal.Value[]): Decimal {
  return values.reduce<Decimal>((total, value) => total.plus(value), new Decimal(0));
}

/**
 * A period's figure spread evenly over its months: rounded to 6 decimals, the
 * remainder in the last month, so the months add up to the figure exactly
 * (the same rule as the `month_share` SQL function).
 */
export function splitEvenly(amount: Decimal.Value, months: number): Decimal[] {
  const total = new Decimal(amount);
  if (months === 1) return [total];
  const share = total.div(months).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
  return Array.from({ length: months }, (_, index) =>
    index < months - 1 ? share : total.minus(share.times(months - 1)),
  );
}
