import { setTimeout as sleep } from 'node:timers/promises';

const MINUTE_MS = 60_000;

/**
 * Rate limits count in windows that start on the minute for every instance:
 * requests on both sides of a start count the earlier ones by a sliding
 * share, which a test counting exact limits must not straddle. Waits past the
 * next start when it is nearer than `marginMs`.
 */
export async function clearOfMinuteStart(marginMs = 5_000): Promise<void> {
  const left = MINUTE_MS - (Date.now() % MINUTE_MS);
  if (left < marginMs) await sleep(left + 20);
}
