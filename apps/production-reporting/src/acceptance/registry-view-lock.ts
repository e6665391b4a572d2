import type { EntityManager } from 'typeorm';

/**
 * A filing and a registry change must not miss each other. Without a lock, a
 * filing that reads the registry view before a change commits stores its
 * version as pending, while the change's re-check of pending reports ran
 * before that version committed: the report then waits for the scheduled
 * check, minutes later. Filings share the lock among themselves; a registry
 * change takes it alone, so one of the two always sees the other's commit.
 */
const REGISTRY_VIEW_LOCK = "hashtext('production-reporting:registry-view')";

/**
 * Transactions already holding the shared lock (each TypeORM transaction has a manager of its own): the
 * filings of a group share one transaction and take it once.
 */
const judging = new WeakSet<EntityManager>();

/**
 * Taken by a filing before it reads the registry view, and before it locks a
 * report: a change holding the lock alone may lock pending reports. Held
 * until the filing's transaction commits.
 */
export async function holdRegistryViewForJudging(manager: EntityManager): Promise<void> {
  if (judging.has(manager)) return;
  // Marked before the answer: the group's next statements queue behind this one on the same connection.
  judging.add(manager);
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${REGISTRY_VIEW_LOCK})`);
}

/** Taken by a registry change before it looks for the pending reports it may decide, held until it commits. */
export async function holdRegistryViewForChange(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${REGISTRY_VIEW_LOCK})`);
}
