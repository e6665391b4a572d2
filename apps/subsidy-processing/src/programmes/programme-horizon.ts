import { InvalidInputError } from '@redmet/platform';

/**
 * The last day a programme year's business may be dated to: the end of the following year. Claims come in until
 * the cut-off late in the year and are reviewed and paid after it, often into the next year; a later day is a slip
 * of the keyboard (9999-12-31) that would park a payment, or a version of the rules, where nobody looks for it.
 */
export function programmeHorizon(year: number): string {
  return `${year + 1}-12-31`;
}

/** Refuses `day`, the request's `field`, when it lies beyond the horizon of the `year` programme. */
export function assertWithinHorizon(field: string, day: string, year: number): void {
  const last = programmeHorizon(year);
  if (day <= last) return;
  const message = `${field} must not be after ${last}, the end of the year after the ${year} programme`;
  throw new InvalidInputError('PROGRAMME.DATE_TOO_LATE', message, [{ field, messages: [message] }]);
}
