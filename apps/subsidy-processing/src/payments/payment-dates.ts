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

/** Nothing comes back before it went out. */
export function notBeforePayment(field: string, day: string, paidOn: string | null): void {
  if (!paidOn || day >= paidOn) return;
  const message = `${field} must not be before the subsidy was paid (${paidOn})`;
  throw new DomainError('CLAWBACK.REPAID_BEFORE_PAYMENT', message, HttpStatus.UNPROCESSABLE_ENTITY, [
    { field, messages: [message] },
  ]);
}
