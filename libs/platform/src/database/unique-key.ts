import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** The name of the unique constraint a failed write hit, if that is why it failed. */
export function violatedUniqueKey(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const cause = error.driverError as { code?: string; constraint?: string };
  return cause.code === UNIQUE_VIOLATION ? cause.constraint : undefined;
}

/**
 * Turns a unique violation of the named constraint into the caller's error:
 * services look first, and this covers two concurrent requests that both
 * passed the look-up.
 */
export async function orConflict<T>(write: Promise<T>, constraint: string, conflict: () => Error): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (violatedUniqueKey(error) === constraint) throw conflict();
    throw error;
  }
}
