import { InvalidInputError } from '@redmet/platform';

/** Months asked for from–to (`YYYY-MM`): a range that ends before it starts is a 400 naming `to`, not an empty answer. */
export function checkMonthRange(from: string | undefined, to: string | undefined): void {
  if (!from || !to || from <= to) return;
  throw new InvalidInputError('REQUEST.INVALID', 'from must not come after to', [
    { field: 'to', messages: ['to must not come before from'] },
  ]);
}
