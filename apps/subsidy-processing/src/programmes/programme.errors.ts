import { ConflictError, DomainError, NotFoundError } from '@redmet/platform';

export function programmeNotFound(year: number): NotFoundError {
  return new NotFoundError('PROGRAMME.NOT_FOUND', `There is no subsidy programme for ${year}`);
}

export function programmeNotInForce(year: number, day: string): DomainError {
  return new DomainError('PROGRAMME.NOT_IN_FORCE', `No version of the ${year} programme is in force on ${day}`);
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
