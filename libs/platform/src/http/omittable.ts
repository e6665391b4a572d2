import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when sent, must be valid: unlike
 * `IsOptional`, it lets `null` through to the other validators, which refuse
 * it with a field-level message (a null that reached a NOT NULL column or
 * `BigInt` would answer 500 for the client's mistake). Fields that may be
 * cleared with null keep `IsOptional`.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}
