import { Param } from '@nestjs/common';
import { PRODUCT_CODE_PATTERN } from '@redmet/contracts';
import { InvalidInputError } from '@redmet/platform';

/** The longest code the catalogue takes. */
export const PRODUCT_CODE_MAX_LENGTH = 40;

/**
 * A path parameter that must be written like a catalogue code: anything else
 * is a 400 naming the parameter, and never reaches PostgreSQL, which fails on
 * text it cannot store (a NUL byte) instead of finding nothing.
 */
export function ProductCodeParam(name: string): ParameterDecorator {
  const message = `${name} must be a product code of capital letters, digits and dashes, e.g. LI-CARBONATE`;
  return Param(name, {
    transform: (value: string) => {
      if (value.length <= PRODUCT_CODE_MAX_LENGTH && PRODUCT_CODE_PATTERN.test(value)) return value;
      throw new InvalidInputError('REQUEST.INVALID', message, [{ field: name, messages: [message] }]);
    },
  });
}
