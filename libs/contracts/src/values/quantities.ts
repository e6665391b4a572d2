import { IsIn, Matches } from 'class-validator';
import { UNITS } from '../vocabulary/registry';

export function IsUnit(): PropertyDecorator {
  return IsIn(UNITS, { message: `$property must be one of: ${UNITS.join(', ')}` });
}

/**
 * Quantities travel as decimal strings (up to 6 decimals) so that no consumer
 * ever adds floats: `"1250.5"`, `"0.000125"`.
 */
export const DECIMAL_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,6})?$/;

export function IsDecimalQuantity(): PropertyDecorator {
  return Matches(DECIMAL_PATTERN, {
    message: '$property must be a non-negative decimal string with at most 6 decimals, e.g. "1250.5"',
  });
}

/** Money is an integer number of kopecks in a string: `"107000000000"` is 1.07 bn RUB. */
export const KOPECKS_PATTERN = /^(0|-?[1-9]\d{0,17})$/;

export function IsKopecks(): PropertyDecorator {
  return Matches(KOPECKS_PATTERN, { message: '$property must be an integer amount of kopecks in a string' });
}
