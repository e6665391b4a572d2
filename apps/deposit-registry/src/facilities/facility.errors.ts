import type { FacilityStatus } from '@redmet/contracts';
import { ConflictError, NotFoundError } from '@redmet/platform';
import { illegalTransition } from '../common/status-history';

export function facilityNotFound(id: string): NotFoundError {
  return new NotFoundError('FACILITY.NOT_FOUND', `No facility with id ${id}`);
}

export function facilityNameTaken(name: string, region: string, holderId?: string): ConflictError {
  const holder = holderId ? ` (id ${holderId})` : '';
  return new ConflictError(
    'FACILITY.ALREADY_REGISTERED',
    `A facility named ${name} in ${region} is already registered${holder}`,
    'name',
  );
}

export function illegalFacilityTransition(from: FacilityStatus, to: FacilityStatus): ConflictError {
  return illegalTransition('FACILITY.ILLEGAL_TRANSITION', 'facility', from, to, 'status');
}

export const INVALID_FACILITY_EFFECTIVE_DATE = 'FACILITY.INVALID_EFFECTIVE_DATE';
