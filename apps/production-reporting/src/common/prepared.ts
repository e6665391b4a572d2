import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs a statement that PostgreSQL parses and plans once per connection (a
 * named prepared statement), in the manager's transaction. For the long
 * statements every submission runs: sending, parsing and planning them each
 * time cost both processes more than executing them. One name, one text.
 */
export async function preparedQuery<R>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  if (!manager.queryRunner) return manager.query(text, values);
  const client = (await manager.queryRunner.connect()) as PoolClient;
  return (await client.query({ name, text, values })).rows as R[];
}
