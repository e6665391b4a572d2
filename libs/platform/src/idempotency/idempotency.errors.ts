import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key';

const field = `header.${IDEMPOTENCY_KEY_HEADER}`;

export class MalformedIdempotencyKeyError extends DomainError {
  constructor() {
    const message = `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable ASCII characters`;
    super('REQUEST.IDEMPOTENCY_KEY_INVALID', message, HttpStatus.BAD_REQUEST, [{ field, messages: [message] }]);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    const message = `This ${IDEMPOTENCY_KEY_HEADER} was used for another request (method, path or body); use a new key`;
    super('REQUEST.IDEMPOTENCY_KEY_REUSED', message, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, messages: [message] }]);
  }
}

export class IdempotencyKeyInProgressError extends DomainError {
  constructor() {
    super(
      'REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS',
      `The first request with this ${IDEMPOTENCY_KEY_HEADER} is still running; send it again after Retry-After`,
      HttpStatus.CONFLICT,
    );
  }
}
