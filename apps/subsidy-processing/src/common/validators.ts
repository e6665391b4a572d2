import { Matches } from 'class-validator';

/** A non-negative amount of kopecks in a string: `"107000000000"` is 1.07 bn RUB. */
export function IsAmount(): PropertyDecorator {
  return Matches(/^(0|[1-9]\d{0,17})$/, {
    message: '$property must be a non-negative whole number of kopecks in a string, e.g. "150000000"',
  });
}

/** A share between 0 and 1 with at most 6 decimals: `"0.35"`. */
export function IsRate(options: { each?: boolean } = {}): PropertyDecorator {
  return Matches(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, {
    ...options,
    message: '$property must be a decimal between 0 and 1 with at most 6 decimals, e.g. "0.35"',
  });
}

/** A positive or zero decimal with at most 6 decimals: `"2"`, `"1250.5"`. */
export function IsDecimal(): PropertyDecorator {
  return Matches(/^(0|[1-9]\d{0,14})(\.\d{1,6})?$/, {
    message: '$property must be a non-negative decimal string with at most 6 decimals, e.g. "1250.5"',
  });
}
