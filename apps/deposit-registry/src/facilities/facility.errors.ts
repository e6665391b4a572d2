import type { CompanyStatus, FacilityStatus } from '@redmet/contracts';
import { HttpStatus } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '@redmet/platform';
import { illegalTransition } from '../common/status-history';

export function facilityNotFound(id: string, field?: string): NotFoundError {
  return new NotFoundError('FACILITY.NOT_FOUND', `No facility with id ${id}`, field);
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

export function alreadyOperator(companyId: string): ConflictError {
  return new ConflictError(
    'FACILITY.ALREADY_OPERATOR',
    `Company ${companyId} already operates this facility`,
    'operatorCompanyId',
  );
}

/** Each month has one operator, and the operators stay in order and in the past. */
export function invalidOperatorChangeDate(effectiveOn: string, after: string | null, today: string): DomainError {
  const since = after ? `after ${after}, when the current operator took over, ` : '';
  const message = `effectiveOn (${effectiveOn}) must be the first day of a month ${since}and not after today (${today})`;
  return new DomainError(INVALID_FACILITY_EFFECTIVE_DATE, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'effectiveOn', messages: [message] },
  ]);
}

/** A company being wound up takes on no plant: it could never report its output. */
export function operatorNotActive(companyId: string, status: CompanyStatus): ConflictError {
  return new ConflictError(
    'FACILITY.OPERATOR_NOT_ACTIVE',
    `Company ${companyId} is ${status}: it takes on no plant`,
    'operatorCompanyId',
  );
}

/** Closing is for good: nobody takes over a plant that no longer runs. */
export function facilityClosed(id: string, closedOn: string): ConflictError {
  return new ConflictError(
    'FACILITY.CLOSED',
    `Facility ${id} closed on ${closedOn}: nobody takes it over`,
    'operatorCompanyId',
  );
}

/** The operator that took over last ran the plant: it cannot close on or before the day they took over. */
export function closedBeforeOperator(effectiveOn: string, operatorSince: string): DomainError {
  const message = `effectiveOn (${effectiveOn}) must be after ${operatorSince}, when the current operator took over`;
  return new DomainError(INVALID_FACILITY_EFFECTIVE_DATE, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'effectiveOn', messages: [message] },
  ]);
}

/** Only a plant closed for good is brought back: one still standing changes status instead. */
export function restartOfNotClosed(id: string, status: FacilityStatus): ConflictError {
  return new ConflictError(
    'FACILITY.RESTART_OF_NOT_CLOSED',
    `Facility ${id} is ${status}: only a closed plant is brought back`,
    'restartOf',
  );
}

/** A closed plant is brought back once: its site has one successor, or the target would count it twice. */
export function alreadyRestarted(id: string, restartedBy?: string): ConflictError {
  const by = restartedBy ? ` by facility ${restartedBy}` : '';
  return new ConflictError(
    'FACILITY.ALREADY_RESTARTED',
    `Facility ${id} has already been brought back${by}`,
    'restartOf',
  );
}

/**
 * A plant brought back starts no earlier than the day the one it brings back closed: over days when both ran, the
 * site would be two plants and the national target would count it twice. Its later statuses only move forward.
 */
export function startedBeforeClosing(statusSince: string, closedId: string, closedOn: string): DomainError {
  const message = `statusSince (${statusSince}) must not be before ${closedOn}, when facility ${closedId} it brings back closed`;
  return new DomainError(INVALID_FACILITY_EFFECTIVE_DATE, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'statusSince', messages: [message] },
  ]);
}
