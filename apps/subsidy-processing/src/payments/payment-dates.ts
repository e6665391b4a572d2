import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@redmet/platform';

/** Money is recorded when it has moved: a payment or repayment day is never after today. */
export function notInFuture(field: string, day: string, today: string): void {
  if (day <= today) return;
  const message = `${field} must not be after today (${today})`;
  throw new DomainError('PAYMENT.DATE_IN_FUTURE', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field, messages: [message] },
  ]);
}

/** A payment is scheduled for a day still to come (or today): finance cannot send money on a day gone by. */
export function notInPast(field: string, day: string, today: string): void {
  if (day >= today) return;
  const message = `${field} must not be before today (${today})`;
  throw new DomainError('PAYMENT.DATE_IN_PAST', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field, messages: [message] },
  ]);
}

function notBefore(code: string, field: string, day: string, earliest: string | null, what: string): void {
  if (!earliest || day >= earliest) return;
  const message = `${field} must not be before ${what} (${earliest})`;
  throw new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, messages: [message] }]);
}

/** A claim is paid after it was (last) submitted: an earlier day is a typing error that would date the money wrong. */
export function notBeforeSubmission(field: string, day: string, submittedOn: string): void {
  notBefore('PAYMENT.BEFORE_SUBMISSION', field, day, submittedOn, 'the claim was submitted');
}

/** Nothing comes back before it went out. */
export function notBeforePayment(field: string, day: string, paidOn: string | null): void {
  notBefore('CLAWBACK.REPAID_BEFORE_PAYMENT', field, day, paidOn, 'the subsidy was paid');
}

/** Only money that came back can be given back: a refund follows the first repayment. */
export function notBeforeRepayment(field: string, day: string, firstRepaidOn: string | null): void {
  notBefore('CLAWBACK.REFUNDED_BEFORE_REPAYMENT', field, day, firstRepaidOn, 'the first repayment');
}
