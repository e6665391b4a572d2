import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '../errors/domain.error';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new InvalidInputError('REQUEST.INVALID', `${name} must be a UUID`, [
          { field: name, messages: [`${name} must be a UUID`] },
        ]),
    }),
  );
}
