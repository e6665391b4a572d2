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
