import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Primary state registration number: 13 digits for an organisation (OGRN),
 * 15 for an individual entrepreneur (OGRNIP). The last digit is the rest of
 * the others, read as one number, divided by 11 (OGRN) or 13 (OGRNIP), mod 10.
 * The digits fit in a double exactly (below 2^53).
 */
export function isValidOgrn(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(\d{13}|\d{15})$/.test(value)) return false;
  const divisor = value.length === 13 ? 11 : 13;
  return (Number(value.slice(0, -1)) % divisor) % 10 === Number(value.slice(-1));
}

export function IsOgrn(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOgrn',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) => `${property} must be an OGRN of 13 or 15 digits with a valid check digit`,
        ...options,
      },
      validator: { validate: isValidOgrn },
    });
}
