import { HttpStatus } from '@nestjs/common';
import type { FieldError } from './domain.error';

export interface DatabaseRefusal {
  status: HttpStatus;
  code: string;
  detail: string;
  errors: FieldError[];
}

interface PostgresError {
  code?: unknown;
  column?: unknown;
  detail?: unknown;
  driverError?: unknown;
}

type Refusal = Omit<DatabaseRefusal, 'errors'>;

const INVALID_VALUE: Refusal = {
  status: HttpStatus.BAD_REQUEST,
  code: 'REQUEST.INVALID',
  detail: 'A value of the request cannot be stored: malformed, out of range, too long or missing',
};

const BY_SQLSTATE = new Map<string, Refusal>([
  ['23502', INVALID_VALUE],
  ['23514', INVALID_VALUE],
  ['54000', INVALID_VALUE],
  [
    '23505',
    { status: HttpStatus.CONFLICT, code: 'RESOURCE.CONFLICT', detail: 'Something with this value exists already' },
  ],
  [
    '23503',
    {
      status: HttpStatus.CONFLICT,
      code: 'RESOURCE.CONFLICT',
      detail: 'The request names something that does not exist, or something else still refers to it',
    },
  ],
]);

/**
 * SQLSTATEs that a client's values cause when the DTO let them through: class 22 (data exception:
 * 22P02 not a uuid, 22003 out of range, 22001 too long, 22021 a NUL byte, 22008 no such date),
 * integrity violations (23502 not null, 23514 check, 23505 unique, 23503 foreign key) and 54000 (a
 * value too large for its index). The client's mistake is a 4xx, not a 500.
 */
function refusalFor(sqlState: unknown): Refusal | undefined {
  if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState)) return undefined;
  return BY_SQLSTATE.get(sqlState) ?? (sqlState.startsWith('22') ? INVALID_VALUE : undefined);
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());

/** The fields at fault, from the column names PostgreSQL gives (never its values, nor its SQL). */
function fieldsOf(error: PostgresError, message: string): FieldError[] {
  const keyColumns = typeof error.detail === 'string' ? /^Key \(([^)]+)\)=/.exec(error.detail)?.[1] : undefined;
  const columns = typeof error.column === 'string' ? [error.column] : (keyColumns?.split(',') ?? []);
  return columns
    .map((column) => column.trim())
    .filter((column) => /^[a-z_][a-z0-9_]*$/.test(column))
    .map((column) => ({ field: camelCase(column), messages: [message] }));
}

/** The answer to a PostgreSQL error that the request's input caused; undefined for any other error. */
export function databaseRefusal(exception: unknown): DatabaseRefusal | undefined {
  if (!exception || typeof exception !== 'object') return undefined;
  const outer = exception as PostgresError;
  const error = (
    outer.driverError && typeof outer.driverError === 'object' ? outer.driverError : outer
  ) as PostgresError;
  const refusal = refusalFor(error.code);
  return refusal && { ...refusal, errors: fieldsOf(error, refusal.detail) };
}
