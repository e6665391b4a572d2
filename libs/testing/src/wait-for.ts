export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  description?: string;
}

/**
 * Polls until `probe` returns something other than undefined, null or false; that value is returned.
 * A count is not accepted: 0 would read as done, so a probe says `count > 0` (or what it waits for).
 */
export async function waitFor<T extends object | string | true>(
  probe: () => Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 20000, intervalMs = 100, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
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
