import { Param, ParseIntPipe } from '@nestjs/common';
import { InvalidInputError } from '@redmet/platform';

const message = 'version must be a whole number from 1';

export function VersionParam(): ParameterDecorator {
  return Param(
    'version',
    new ParseIntPipe({
      exceptionFactory: () =>
        new InvalidInputError('REQUEST.INVALID', message, [{ field: 'version', messages: [message] }]),
    }),
  );
}
