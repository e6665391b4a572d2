import { ConflictError, NotFoundError } from '@redmet/platform';

export function alertNotFound(id: string): NotFoundError {
  return new NotFoundError('ALERT.NOT_FOUND', `No alert with id ${id}`);
}

export function alertNotOpen(id: string, state: string): ConflictError {
  return new ConflictError(
    'ALERT.NOT_OPEN',
    `Alert ${id} is ${state}; only an open alert can be acknowledged`,
    'state',
  );
}
