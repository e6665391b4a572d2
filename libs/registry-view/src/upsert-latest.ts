import type { EntityManager } from 'typeorm';

/**
 * Writes a snapshot unless the table already holds the same or a newer version
 * of that aggregate: stale and duplicate events change nothing. Returns
 * whether the row was written. Columns come from the caller's code, never from input.
 */
export async function upsertLatest(
  manager: EntityManager,
  table: string,
  key: string,
  row: Record<string, unknown>,
): Promise<boolean> {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, index) => `$${index + 1}`);
  const updates = columns.filter((column) => column !== key).map((column) => `${column} = EXCLUDED.${column}`);
  const written: unknown[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}
     WHERE ${table}.version < EXCLUDED.version
     RETURNING ${key}`,
    Object.values(row),
  );
  return written.length > 0;
}
