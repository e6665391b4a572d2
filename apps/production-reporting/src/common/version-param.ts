import { Param, ParseIntPipe, type PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@redmet/platform';

/** Versions are PostgreSQL integers: a larger number would fail in the database, not as the client's mistake. */
const MAX_VERSION = 2_147_483_647;
const message = `version must be a whole number from 1 to ${MAX_VERSION}`;

const invalid = () => new InvalidInputError('REQUEST.INVALID', message, [{ field: 'version', messages: [message] }]);

const inRange: PipeTransform<number, number> = {
  transform: (version) => {
    if (version < 1 || version > MAX_VERSION) throw invalid();
    return version;
  },
};

export function VersionParam(): ParameterDecorator {
  return Param('version', new ParseIntPipe({ exceptionFactory: invalid }), inRange);
}
