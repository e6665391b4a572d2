export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  description?: string;
}

/** Polls until `probe` returns something other than undefined/false; the last value is returned. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 20000, intervalMs = 100, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${description}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}

/**
 * Resolves once a session of the database waits on a lock: a request has got
 * as far as a row or unique key another transaction of the test holds.
 */
export function waitForLockWait(query: (sql: string) => Promise<unknown[]>): Promise<true> {
  return waitFor(
    async () =>
      (await query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))
        .length > 0,
    { description: 'a session waiting on a lock' },
  );
}
