import type { EntityManager } from 'typeorm';

/** TypeORM answers UPDATE and DELETE with `[rows, count]`; this gives the RETURNING rows. */
export async function changedRows<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows]: [T[], number] = await manager.query(sql, parameters);
  return rows;
}
