import { HttpStatus } from '@nestjs/common';
import type { ClaimState } from '@redmet/contracts';
import { ConflictError, DomainError, NotFoundError } from '@redmet/platform';
import type { EligibilityFailure } from './eligibility';

export function claimNotFound(id: string): NotFoundError {
  return new NotFoundError('CLAIM.NOT_FOUND', `No claim with id ${id}`);
}

export function illegalTransition(state: ClaimState, action: string): ConflictError {
  return new ConflictError('CLAIM.ILLEGAL_TRANSITION', `A claim that is ${state} cannot be ${action}`);
}

export function notEligible(failures: EligibilityFailure[]): DomainError {
  return new DomainError(
    'CLAIM.NOT_ELIGIBLE',
    `The claim cannot be submitted: ${[...new Set(failures.map((failure) => failure.code))].join(', ')}`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    failures.map((failure) => ({ field: failure.field, messages: [`${failure.code}: ${failure.message}`] })),
  );
}

export function selfDecision(): DomainError {
  return new DomainError(
    'CLAIM.SELF_DECISION',
    'Nobody decides a claim they created or last edited',
    HttpStatus.FORBIDDEN,
  );
}

export function sameApprover(): DomainError {
  return new DomainError(
    'CLAIM.SAME_APPROVER',
    'The second approval must come from a different officer than the first',
    HttpStatus.FORBIDDEN,
  );
}

export function notAssigned(assignee: string | null): ConflictError {
  return new ConflictError(
    'CLAIM.NOT_ASSIGNED',
    assignee ? `The claim is under review by ${assignee}` : 'Take the claim for review first',
  );
}

export function invalidApproval(code: string, message: string): DomainError {
  return new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: code === 'CLAIM.REDUCTION_REASON_REQUIRED' ? 'reason' : 'approvedKopecks', messages: [message] },
  ]);
}

export function approvalAmountMismatch(first: string): ConflictError {
  return new ConflictError(
    'CLAIM.APPROVAL_AMOUNT_MISMATCH',
    `The second approval confirms the first one's ${first} kopecks; return or reject the claim to change it`,
    'approvedKopecks',
  );
}

export function otherCompany(): DomainError {
  return new DomainError(
    'CLAIM.OTHER_COMPANY',
    'A producer files claims for its own company only',
    HttpStatus.FORBIDDEN,
  );
}

export function alreadyClaimedThisQuarter(period: string): DomainError {
  return notEligible([
    { code: 'CLAIM.ALREADY_CLAIMED_THIS_QUARTER', field: 'period', message: `Another claim already covers ${period}` },
  ]);
}

export function documentJustClaimed(): DomainError {
  return notEligible([
    {
      code: 'CLAIM.INVOICE_ALREADY_CLAIMED',
      field: 'lines',
      message: 'A document of this claim was claimed in another claim at the same moment',
    },
  ]);
}
