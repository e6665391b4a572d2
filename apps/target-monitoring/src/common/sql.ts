import type { EntityManager } from 'typeorm';

/** TypeORM answers UPDATE and DELETE with `[rows, count]`; this gives the RETURNING rows. */
export async function changedRows<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows]: [T[], number] = await manager.query(sql, parameters);
  return rows;
}

/**
 * The rows of a table that keeps every version with when it became known (`known_from`) and when it was
 * replaced (`known_to`), as known at `at`: an SQL expression of a moment, or of null for as known now.
 */
export const knownAsOf = (at: string, table = '') => {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  return `CASE WHEN ${at}::timestamptz IS NULL THEN ${column('known_to')} IS NULL
               ELSE ${column('known_from')} <= ${at} AND (${column('known_to')} IS NULL OR ${column('known_to')} > ${at}) END`;
};
