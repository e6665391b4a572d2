import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { orConflict } from '@redmet/platform';
import { assertVersion, type VersionCondition } from './record-version';
import type { RegistryRecord } from './registry-record.entity';

/**
 * Locks the row so that concurrent changes of one aggregate commit, and publish, one after the other.
 * The version is checked under that lock, so a rival change made against the same version waits for
 * this one and then finds the version moved on.
 */
export async function findForUpdate<T extends RegistryRecord>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  notFound: () => Error,
  condition?: VersionCondition,
): Promise<T> {
  const found = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!found) throw notFound();
  assertVersion(found, condition);
  return found;
}

/** For references to other records: a missing one is a 404 naming the field that pointed at it. */
export async function assertExists<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  notFound: () => Error,
): Promise<void> {
  if (!(await manager.existsBy(entity, where))) throw notFound();
}

/** A deposit or a plant: known by its name in its region (migration DepositAndFacilityNames1764402300000). */
interface NamedInRegion extends RegistryRecord {
  id: string;
  name: string;
  region: string;
}

/**
 * Saves a new or changed record unless another has its name in its region: `taken` gets that one's id when
 * the look-up finds it. The look-up cannot see a rival's uncommitted row, so the unique key has the last word.
 */
export async function saveNamedInRegion<T extends NamedInRegion>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  record: T,
  constraint: string,
  taken: (holderId?: string) => Error,
): Promise<void> {
  const holder = await manager.findOneBy(entity, { name: record.name, region: record.region } as FindOptionsWhere<T>);
  if (holder && holder.id !== record.id) throw taken(holder.id);
  await orConflict(manager.save(record), constraint, () => taken());
}
