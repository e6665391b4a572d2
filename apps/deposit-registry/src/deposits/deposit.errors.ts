import { ConflictError, NotFoundError } from '@redmet/platform';

export function depositNotFound(id: string, field?: string): NotFoundError {
  return new NotFoundError('DEPOSIT.NOT_FOUND', `No deposit with id ${id}`, field);
}

export function depositNameTaken(name: string, region: string, holderId?: string): ConflictError {
  const holder = holderId ? ` (id ${holderId})` : '';
  return new ConflictError(
    'DEPOSIT.ALREADY_REGISTERED',
    `A deposit named ${name} in ${region} is already registered${holder}`,
    'name',
  );
}
