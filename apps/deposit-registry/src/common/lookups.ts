import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** Locks the row so that concurrent changes of one aggregate commit, and publish, one after the other. */
export async function findForUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  notFound: () => Error,
): Promise<T> {
  const found = await manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
  if (!found) throw notFound();
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
