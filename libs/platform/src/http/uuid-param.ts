import { Param, ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { InvalidInputError } from '../errors/domain.error';

/**
 * A path parameter that must be a UUID; anything else is a 400 naming the parameter. Taken in lower
 * case, like `IsUuid`: a service that signs, keys or publishes the id as typed would otherwise send
 * consumers a second id for one record.
 */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new InvalidInputError('REQUEST.INVALID', `${name} must be a UUID`, [
          { field: name, messages: [`${name} must be a UUID`] },
        ]),
    }),
    { transform: (id: string) => id.toLowerCase() },
  );
}

const lowerCase = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * A UUID in a body or query, in either case, taken in lower case: as
 * PostgreSQL gives ids back and as services compare them with stored ids and
 * the caller's company, as text. With `{ each: true }`, every UUID of an array,
 * so `ArrayUnique` sees one id typed in two cases as the same id.
 */
export function IsUuid(options: { each?: boolean } = {}): PropertyDecorator {
  return (target, property) => {
    IsUUID(undefined, options)(target, property);
    Transform(({ value }: { value: unknown }) =>
      options.each && Array.isArray(value) ? value.map(lowerCase) : lowerCase(value),
    )(target, property);
  };
}
