import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { type FieldError, InvalidInputError } from './domain.error';
import { listsForObjects, shapeProblem } from './request-shape';

export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

const invalid = (errors: FieldError[]) =>
  new InvalidInputError('REQUEST.INVALID', 'The request has invalid fields', errors);

/** Checked for the shapes Nest's pipe lets through; a path parameter is text from the client too. */
const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/** Nest's pipe, and the shapes it lets through: input nested too deep to transform, prototype keys, lists for objects. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = CLIENT_INPUT.has(metadata.type) ? shapeProblem(value, metadata.data ?? '') : undefined;
    if (problem) throw invalid([problem]);
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return [...listsForObjects(object), ...(await super.validate(object, options))];
  }
}

/** Unknown fields are an error, not silently dropped: a typo must not look like success. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalid(toFieldErrors(errors)),
  });
}
