import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 iterations). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  return verify(storedHash, password);
}

let dummy: Promise<string> | undefined;

/**
 * Checked against when the user does not exist, so that a wrong name and a
 * wrong password take the same time and cannot be told apart.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hash(randomUUID());
  return dummy;
}
