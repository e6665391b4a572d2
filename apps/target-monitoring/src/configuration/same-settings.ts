import Decimal from 'decimal.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether two settings say the same: decimals by value, since "80.0" for "80"
 * changes no figure and a version recording it would only be noise in the
 * audit trail; lists item by item (a path in another order is written
 * differently, so it is recorded as the change it appears to be).
 */
export function sameSettings(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && DECIMAL.test(a) && DECIMAL.test(b)) {
    return new Decimal(a).equals(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameSettings(item, b[index]));
  }
  if (isFields(a) && isFields(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((key) => sameSettings(a[key], b[key]));
  }
  return a === b;
}
