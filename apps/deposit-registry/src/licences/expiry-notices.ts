import { daysBetween } from '@redmet/platform';

export type ExpiryStep =
  { kind: 'expire' } | { kind: 'notices'; send: number | null; skip: number[] } | { kind: 'nothing' };

/**
 * What the expiry check does for one open licence on `today` (ISO dates;
 * `validTo` is the last valid day).
 *
 * - After `validTo` the licence expires; pending notices no longer matter.
 * - A notice period `d` is due when `validTo - today <= d` and it has not been
 *   recorded (sent or skipped) yet.
 * - When several are due at once (a licence registered or a period configured
 *   late, or the check did not run for a while), only the nearest, smallest
 *   one is sent: a holder gets one notice saying how close the end is, not
 *   "180 days" and "90 days" on the same day. The others are recorded as
 *   skipped so they never go out later.
 * - A due period larger than one already recorded is skipped too: after the
 *   90-day notice a 180-day one would be out of order.
 */
export function nextExpiryStep(
  validTo: string,
  today: string,
  noticeDays: readonly number[],
  recorded: readonly number[],
): ExpiryStep {
  const daysLeft = daysBetween(today, validTo);
  if (daysLeft < 0) return { kind: 'expire' };
  const due = [...new Set(noticeDays)]
    .filter((days) => daysLeft <= days && !recorded.includes(days))
    .sort((a, b) => a - b);
  if (due.length === 0) return { kind: 'nothing' };
  const [nearest, ...rest] = due;
  const stale = recorded.some((days) => days < nearest);
  return stale ? { kind: 'notices', send: null, skip: due } : { kind: 'notices', send: nearest, skip: rest };
}
