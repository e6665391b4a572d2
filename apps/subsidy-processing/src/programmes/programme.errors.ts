import { HttpStatus } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '@redmet/platform';

/** `field` names the input the year came from (a claim's `period`), when the caller can change it. */
export function programmeNotFound(year: number, field?: string): NotFoundError {
  return new NotFoundError('PROGRAMME.NOT_FOUND', `There is no subsidy programme for ${year}`, field);
}

export function programmeNotInForce(year: number, day: string, field?: string): DomainError {
  const message = `No version of the ${year} programme is in force on ${day}`;
  return new DomainError(
    'PROGRAMME.NOT_IN_FORCE',
    message,
    HttpStatus.UNPROCESSABLE_ENTITY,
    field ? [{ field, messages: [message] }] : [],
  );
}

export function totalBelowCommitted(total: string, committed: string): ConflictError {
  return new ConflictError(
    'PROGRAMME.TOTAL_BELOW_COMMITTED',
    `The total ${total} kopecks is below the ${committed} kopecks already committed`,
    'totalKopecks',
  );
}

/** Two admins added the first version of a new year at once; the other one won. */
export function concurrentChange(year: number): ConflictError {
  return new ConflictError('PROGRAMME.CONCURRENT_CHANGE', `The ${year} programme was changed meanwhile; try again`);
}
