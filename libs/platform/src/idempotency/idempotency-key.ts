import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

/** The methods that change something; a key on a read is ignored, as a read may be repeated anyway. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Printable ASCII, spaces included: what a client's UUID, ULID or Stripe-style key is made of. */
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/**
 * SHA-256 of the parts, each prefixed with its length so that moving bytes from
 * one part to the next changes the digest.
 */
export function digestOf(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex');
}

/**
 * An upload's fingerprint is its file and form fields, not the multipart bytes: a client sending the
 * same file again picks a new random boundary, which would make every retry look like another request.
 */
export function uploadDigest(
  file: { originalname?: string; buffer?: Buffer } | undefined,
  fields: Record<string, unknown> | undefined,
): string {
  return digestOf(file?.originalname ?? '', file?.buffer ?? Buffer.alloc(0), JSON.stringify(fields ?? {}));
}

/**
 * Whose key it is: the user, for the company they act for now. A producer moved to another company is
 * then another caller, and a retry runs afresh for the company it acts for rather than replay another
 * company's answer; a refusal would ask for a new key for a request that never ran for it. Roles are
 * left out: an answer replayed to a user whose roles changed reports a change made when it was allowed,
 * and a retry run again under new roles would make the change twice. JSON, so that no two callers read alike.
 */
export function keyCaller(principal: Principal): string {
  return JSON.stringify([principal.userId, principal.companyId]);
}
