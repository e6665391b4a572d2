import { HttpStatus } from '@nestjs/common';
import type { ClaimState } from '@redmet/contracts';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '@redmet/platform';
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

/**
 * Four eyes. `step`: what the caller may not do to a claim they wrote, a decision unless said ("pays");
 * `field`: the input naming the officer, when the refusal is about someone else (a reassignment).
 */
export function selfDecision({ step = 'decides', field }: { step?: string; field?: string } = {}): DomainError {
  const message = `Nobody ${step} a claim they created or edited`;
  return new DomainError(
    'CLAIM.SELF_DECISION',
    message,
    HttpStatus.FORBIDDEN,
    field ? [{ field, messages: [message] }] : [],
  );
}

export function sameApprover(field?: string): DomainError {
  const message = 'The second approval must come from a different officer than the first';
  return new DomainError(
    'CLAIM.SAME_APPROVER',
    message,
    HttpStatus.FORBIDDEN,
    field ? [{ field, messages: [message] }] : [],
  );
}

export function notAssignee(assignee: string | null): DomainError {
  return new DomainError(
    'CLAIM.NOT_ASSIGNEE',
    `Only the officer the claim is with${assignee ? ` (${assignee})` : ''}, or an admin, hands it on`,
    HttpStatus.FORBIDDEN,
  );
}

/** Someone without the subsidy_officer role named themselves to take a claim over. */
export function notAnOfficer(): DomainError {
  const message = 'You are no subsidy officer and could not decide the claim: name the officer who takes it over';
  return new DomainError('CLAIM.NOT_AN_OFFICER', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'officerId', messages: [message] },
  ]);
}

export function alreadyAssigned(userId: string): ConflictError {
  return new ConflictError('CLAIM.ALREADY_ASSIGNED', `The claim is already with ${userId}`, 'officerId');
}

export function overRepayment(amount: bigint, outstanding: bigint): DomainError {
  const message = `${amount} kopecks is more than the ${outstanding} kopecks outstanding`;
  return new DomainError('CLAWBACK.OVERPAYMENT', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'amountKopecks', messages: [message] },
  ]);
}

export function repaymentNotPositive(): DomainError {
  const message = 'A repayment is a positive number of kopecks';
  return new DomainError('CLAWBACK.REPAYMENT_NOT_POSITIVE', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'amountKopecks', messages: [message] },
  ]);
}

/** A retried request is refused rather than counted twice: a payment order is recorded once per claim. */
export function duplicatePaymentReference(kind: 'repayment' | 'refund', reference: string): ConflictError {
  return new ConflictError(
    'CLAWBACK.DUPLICATE_REFERENCE',
    `A ${kind} with reference ${reference} is already recorded for this claim`,
    'reference',
  );
}

export function overRefund(amount: bigint, due: bigint): DomainError {
  const message = `${amount} kopecks is more than the ${due} kopecks refund due`;
  return new DomainError('CLAWBACK.OVER_REFUND', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field: 'amountKopecks', messages: [message] },
  ]);
}

export function noRefundDue(state: ClaimState): ConflictError {
  return new ConflictError(
    'CLAWBACK.NO_REFUND_DUE',
    `Nothing is due back to the producer on this claim (${state}): it has not repaid more than is demanded`,
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

/** `confirming`: a second approval, which cannot change the first one's amount. */
export function companyCapExceeded(amount: bigint, room: bigint, confirming: boolean): ConflictError {
  const next = confirming ? 'return or reject the claim to change it' : `approve at most ${room} kopecks`;
  return new ConflictError(
    'CLAIM.COMPANY_CAP_EXCEEDED',
    `${amount} kopecks is more than the ${room} kopecks the company's cap for the year leaves after its other claims: ${next}`,
    'approvedKopecks',
  );
}

/** A refund takes back room the repayment freed, which another claim of the company may have taken since. */
export function refundBeyondCompanyCap(amount: bigint, room: bigint): ConflictError {
  return new ConflictError(
    'CLAIM.COMPANY_CAP_EXCEEDED',
    `A refund of ${amount} kopecks is more than the ${room} kopecks the company's cap for the year leaves after its other claims; nothing was recorded`,
    'amountKopecks',
  );
}

export function approvalAmountMismatch(first: string): ConflictError {
  return new ConflictError(
    'CLAIM.APPROVAL_AMOUNT_MISMATCH',
    `The second approval confirms the first one's ${first} kopecks; return or reject the claim to change it`,
    'approvedKopecks',
  );
}

/** Like submitting (`submittedByOther`): an officer editing a producer's claim would write its declarations. */
export function editedByOther(): DomainError {
  return new DomainError(
    'CLAIM.EDITED_BY_OTHER',
    "A claim is edited by its company, or by the officer who keyed it in: an officer does not rewrite a producer's claim",
    HttpStatus.FORBIDDEN,
  );
}

export function paidByApprover(): DomainError {
  return new DomainError('CLAIM.SELF_DECISION', 'Nobody pays a claim they approved', HttpStatus.FORBIDDEN);
}

export function submittedByOther(): DomainError {
  return new DomainError(
    'CLAIM.SUBMITTED_BY_OTHER',
    'A claim is submitted by its company, or by the officer who keyed it in: submitting attests its content',
    HttpStatus.FORBIDDEN,
  );
}

/** Like production-reporting's `REPORT.NO_COMPANY`: no field names it, the token does. */
export function noCompany(): DomainError {
  return new DomainError(
    'CLAIM.NO_COMPANY',
    'The token names no company (company_id) for a producer to act for',
    HttpStatus.FORBIDDEN,
  );
}

/** `what` a producer does for its own company only, e.g. "files claims". */
export function otherCompany(what: string): DomainError {
  const message = `a producer ${what} for its own company only`;
  return new DomainError('CLAIM.OTHER_COMPANY', `companyId names another company: ${message}`, HttpStatus.FORBIDDEN, [
    { field: 'companyId', messages: [message] },
  ]);
}

/** An edit naming nothing to change would still count its sender as an editor, whom four eyes keep from deciding. */
export function emptyEdit(): InvalidInputError {
  const message = 'name at least one field to change';
  return new InvalidInputError('CLAIM.EMPTY_CHANGE', 'The edit changes nothing', [
    { field: 'body', messages: [message] },
  ]);
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
