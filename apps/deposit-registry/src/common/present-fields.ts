import type { Actor } from '@redmet/contracts';

/**
 * The fields a client actually sent. DTO instances carry every declared field,
 * the absent ones as `undefined` (ES2022 class fields), which merged into an
 * entity would blank it: absent means "leave as it is".
 */
export function presentFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}

interface SnapshotRecord {
  version: number;
  updatedBy: Actor | null;
  toSnapshot(): object;
}

/**
 * Merges the fields a client sent into the record and counts a new version,
 * unless that leaves its event snapshot as it was: a PATCH repeated after a
 * timeout, or one that sends the values already there, then changes nothing,
 * publishes nothing and leaves the version (and every other client's ETag) as
 * it was. A change made is `actor`'s. Returns whether it changed the record.
 */
export function applyChange<T extends SnapshotRecord>(record: T, dto: object, actor: Actor): boolean {
  const before = JSON.stringify(record.toSnapshot());
  Object.assign(record, presentFields(dto));
  if (JSON.stringify(record.toSnapshot()) === before) return false;
  record.version += 1;
  record.updatedBy = actor;
  return true;
}
