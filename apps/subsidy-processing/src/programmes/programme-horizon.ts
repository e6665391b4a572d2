import { InvalidInputError } from '@redmet/platform';

/**
 * The last day a programme year's business may be dated to: the end of the following year. Claims come in until
 * the cut-off late in the year and are reviewed and paid after it, often into the next year; a later day is a slip
 * of the keyboard (9999-12-31) that would park a payment, or a version of the rules, where nobody looks for it.
 */
export function programmeHorizon(year: number): string {
  return `${year + 1}-12-31`;
}

/**
 * Refuses `day`, the request's `field`, when it lies beyond the horizon of the `year` programme. Given `today`,
 * the horizon is never less than the end of next year: a claim decided after its programme's horizon (an appeal
 * upheld late) can still be scheduled for payment.
 */
export function assertWithinHorizon(field: string, day: string, year: number, today?: string): void {
  const thisYear = today ? Number(today.slice(0, 4)) : year;
  const last = programmeHorizon(Math.max(year, thisYear));
  if (day <= last) return;
  const basis =
    thisYear > year ? `this year (${thisYear}), the ${year} programme's own being past` : `the ${year} programme`;
  const message = `${field} must not be after ${last}, the end of the year after ${basis}`;
  throw new InvalidInputError('PROGRAMME.DATE_TOO_LATE', message, [{ field, messages: [message] }]);
}
