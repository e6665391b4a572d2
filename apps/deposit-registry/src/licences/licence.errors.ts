import { HttpStatus } from '@nestjs/common';
import type { CompanyStatus, LicenceStatus } from '@redmet/contracts';
import { ConflictError, DomainError, NotFoundError } from '@redmet/platform';
import { illegalTransition } from '../common/status-history';
import type { LicenceStatusChange } from './licence-status-change.entity';

export function licenceNotFound(id: string): NotFoundError {
  return new NotFoundError('LICENCE.NOT_FOUND', `No licence with id ${id}`);
}

export function licenceNumberTaken(number: string): ConflictError {
  return new ConflictError('LICENCE.NUMBER_TAKEN', `A licence numbered ${number} is already registered`, 'number');
}

export function invalidLicencePeriod(validFrom: string, validTo: string): DomainError {
  const message = `validTo (${validTo}) must be after validFrom (${validFrom})`;
  return new DomainError('LICENCE.INVALID_PERIOD', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'validTo', messages: [message] },
  ]);
}

export function startAfterStatusChange(validFrom: string, change: LicenceStatusChange): DomainError {
  const message = `validFrom (${validFrom}) must not be after ${change.effectiveOn}, when the licence became ${change.toStatus}`;
  return new DomainError('LICENCE.INVALID_PERIOD', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'validFrom', messages: [message] },
  ]);
}

/** The current status took effect within the validity: an end before it would put the status outside it. */
export function endBeforeStatus(validTo: string, status: LicenceStatus, statusSince: string): DomainError {
  const message = `validTo (${validTo}) must not be before ${statusSince} (statusSince), when the licence became ${status}`;
  return new DomainError('LICENCE.INVALID_PERIOD', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'validTo', messages: [message] },
  ]);
}

export function effectiveBeforeStart(effectiveOn: string, startsOn: string): DomainError {
  const message = `effectiveOn (${effectiveOn}) must be ${startsOn}: the licence has not started, and a change takes effect on its first day`;
  return new DomainError(INVALID_LICENCE_EFFECTIVE_DATE, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'effectiveOn', messages: [message] },
  ]);
}

export function effectiveAfterEnd(effectiveOn: string, validTo: string): DomainError {
  const message = `effectiveOn (${effectiveOn}) must not be after validTo (${validTo}), the licence's last day`;
  return new DomainError(INVALID_LICENCE_EFFECTIVE_DATE, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'effectiveOn', messages: [message] },
  ]);
}

export function illegalLicenceTransition(from: LicenceStatus, to: LicenceStatus): ConflictError {
  return illegalTransition('LICENCE.ILLEGAL_TRANSITION', 'licence', from, to);
}

/** Revoked and expired licences are history; a new right is a new licence, a closing made in error is annulled. */
export function licenceClosed(status: LicenceStatus): ConflictError {
  const annulment = status === 'expired' ? 'extend' : 'annul-revocation';
  return new ConflictError(
    'LICENCE.CLOSED',
    `A ${status} licence cannot be amended; if it should not be ${status}, POST /licences/:id/${annulment}`,
  );
}

/** Only a closing can be annulled, and only by the command for its kind. */
export function nothingToAnnul(status: LicenceStatus, closing: LicenceStatus): ConflictError {
  return new ConflictError(
    'LICENCE.ILLEGAL_TRANSITION',
    `The licence is ${status}, not ${closing}: there is nothing to annul`,
  );
}

/** An extension that ends no later than the licence did leaves it expired. */
export function extensionNotLater(validTo: string, ended: string): DomainError {
  const message = `validTo (${validTo}) must be after ${ended}, the last day of the validity that expired`;
  return new DomainError('LICENCE.INVALID_PERIOD', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'validTo', messages: [message] },
  ]);
}

/** A company being wound up takes no new right, and a liquidated one holds none. */
export function holderLiquidated(companyId: string, status: CompanyStatus, field?: string): ConflictError {
  const rule = status === 'liquidated' ? 'a liquidated company holds no licence' : 'it is issued no new licence';
  return new ConflictError('LICENCE.HOLDER_LIQUIDATED', `Company ${companyId} is ${status}: ${rule}`, field);
}

export const INVALID_LICENCE_EFFECTIVE_DATE = 'LICENCE.INVALID_EFFECTIVE_DATE';
