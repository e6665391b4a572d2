import { NotFoundError } from '@redmet/platform';

export function depositNotFound(id: string, field?: string): NotFoundError {
  return new NotFoundError('DEPOSIT.NOT_FOUND', `No deposit with id ${id}`, field);
}
