import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, InvalidInputError } from './domain.error';

export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are an error, not silently dropped: a typo must not look like success. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new InvalidInputError('REQUEST.INVALID', 'The request has invalid fields', toFieldErrors(errors)),
  });
}
