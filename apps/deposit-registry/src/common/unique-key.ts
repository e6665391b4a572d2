import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/**
 * Runs a write that may hit the named unique constraint and turns that into
 * the caller's 409. Services look the key up first, which answers the usual
 * duplicate without a failed statement; this covers two concurrent requests
 * that both passed that look-up.
 */
export async function orConflict<T>(write: Promise<T>, constraint: string, conflict: () => Error): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const cause =
      error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : {};
    if (cause.code === UNIQUE_VIOLATION && cause.constraint === constraint) throw conflict();
    throw error;
  }
}
