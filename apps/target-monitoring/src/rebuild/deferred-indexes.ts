import type { DataSource } from 'typeorm';

export interface IndexDefinition {
  table: string;
  definition: string;
}

/**
 * Drops the secondary indexes of `tables` and returns their definitions for
 * `createIndexes`: building an index once over all the rows costs a fraction
 * of keeping it up to date row by row. Unique indexes and those of
 * constraints stay, since ON CONFLICT and the look-ups by key rely on them.
 * Only for a database that nothing reads until the indexes are back.
 */
export async function dropSecondaryIndexes(dataSource: DataSource, tables: string[]): Promise<IndexDefinition[]> {
  return dataSource.transaction(async (manager) => {
    const indexes: (IndexDefinition & { name: string })[] = await manager.query(
      `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name,
              pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
        WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisunique
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 2`,
      [tables],
    );
    for (const { name } of indexes) await manager.query(`DROP INDEX ${name}`);
    return indexes.map(({ table, definition }) => ({ table, definition }));
  });
}

/** Builds the indexes side by side, each on its own connection (builds on one table do not block each other). */
export async function createIndexes(dataSource: DataSource, indexes: IndexDefinition[]): Promise<void> {
  await Promise.all(
    indexes.map(({ definition }) =>
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        await manager.query(definition);
      }),
    ),
  );
}
