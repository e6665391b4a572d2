import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `lines.2.quantity`. */
  field: string;
  messages: string[];
}

/**
 * A rule of the domain was broken. The code is stable (clients and tests match
 * on it); the message is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, HttpStatus.NOT_FOUND, field ? [{ field, messages: [message] }] : []);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, field?: string) {
    super(code, message, HttpStatus.CONFLICT, field ? [{ field, messages: [message] }] : []);
  }
}

export class InvalidInputError extends DomainError {
  constructor(code: string, message: string, fieldErrors: FieldError[]) {
    super(code, message, HttpStatus.BAD_REQUEST, fieldErrors);
  }
}
