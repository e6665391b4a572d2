import { HttpStatus } from '@nestjs/common';
import { REFUSED_BEFORE_COMMIT } from '../database/group-commit';
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

export class IdempotencyAnswerLostError extends DomainError {
  constructor() {
    super(
      'REQUEST.IDEMPOTENCY_ANSWER_LOST',
      `The change sent with this ${IDEMPOTENCY_KEY_HEADER} was made, but its answer was lost; read the resource to see it`,
      HttpStatus.CONFLICT,
    );
  }
}

/**
 * A run whose key was taken over by a retry (it ran past the in-progress timeout): its transaction is
 * refused before COMMIT, so the retry's change is the only one. To its client the key is in progress,
 * and its retry gets the other run's answer.
 */
export class IdempotencyKeyTakenOverError extends IdempotencyKeyInProgressError {
  readonly [REFUSED_BEFORE_COMMIT] = true;
}
