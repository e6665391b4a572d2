import { registerDecorator, type ValidationOptions } from 'class-validator';

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, weight, i) => acc + weight * digits[i], 0);
  return (sum % 11) % 10;
}

/**
 * Russian taxpayer number: 10 digits for organisations, 12 for individuals,
 * with the check digits defined by the Federal Tax Service.
 */
export function isValidInn(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(\d{10}|\d{12})$/.test(value)) return false;
  const digits = [...value].map(Number);
  if (digits.length === 10) return checkDigit(digits, INN10_WEIGHTS) === digits[9];
  return checkDigit(digits, INN12_WEIGHTS_11) === digits[10] && checkDigit(digits, INN12_WEIGHTS_12) === digits[11];
}

export function IsInn(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInn',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) => `${property} must be a Russian INN: 10 or 12 digits with valid check digits`,
        ...options,
      },
      validator: { validate: isValidInn },
    });
}
