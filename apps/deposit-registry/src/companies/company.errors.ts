import { NotFoundError } from '@redmet/platform';

export function companyNotFound(id: string, field?: string): NotFoundError {
  return new NotFoundError('COMPANY.NOT_FOUND', `No company with id ${id}`, field);
}
