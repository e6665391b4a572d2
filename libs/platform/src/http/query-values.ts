import { Transform } from 'class-transformer';

const DECIMAL_INTEGER = /^-?\d{1,15}$/;

/**
 * A query parameter read as a whole number only when written as one in
 * decimal digits. `Number()` would also take `0x7EA`, `1e3`, ` 12 ` and an
 * empty value (as 0); those stay text, which the `IsInt` beside this refuses
 * with the parameter's name.
 */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value,
  );
}

/** A query parameter read as a boolean only from `true` or `false`; anything else stays text for `IsBoolean` to refuse. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
}
