import { ApiError, NETWORK_ERROR } from './problem';

/** The header the services take to make a write at most once however often it is sent (README, Errors). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The key of each write whose outcome is not known, by what it writes
 * (method, address, body or file). A write that got no answer, or one saying
 * the service could not finish it or is still at it, may have been made: the
 * user's retry of the same write sends the same key, so the service makes it
 * once and answers the retry as it answered the first. Any other answer
 * settles the write, and the next one like it is a new write with a new key.
 */
const unsettled = new Map<string, string>();

export async function withIdempotencyKey<T>(write: string, send: (key: string) => Promise<T>): Promise<T> {
  const key = unsettled.get(write) ?? newKey();
  unsettled.set(write, key);
  try {
    const result = await send(key);
    unsettled.delete(write);
    return result;
  } catch (error) {
    if (!outcomeUnknown(error)) unsettled.delete(write);
    throw error;
  }
}

function outcomeUnknown(error: unknown): boolean {
  // Not an answer at all: cut off or cancelled after the request may have arrived.
  if (!(error instanceof ApiError)) return true;
  return error.code === NETWORK_ERROR || error.status >= 500 || error.code === 'REQUEST.IDEMPOTENCY_KEY_IN_PROGRESS';
}

/** 128 random bits; `crypto.randomUUID` exists only on HTTPS pages, and a ministry may serve the console over HTTP. */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
