import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs reads that make one answer (a page and its total, a record and what hangs off it) in one
 * snapshot: a change committing between two of them cannot show in one and not the other. The
 * transaction is opened in one statement and is read-only, so a write slipped into `read` fails
 * rather than commit outside the change it belongs to. The statements run one after another on the
 * snapshot's one connection.
 */
export async function readSnapshot<T>(
  dataSource: DataSource,
  read: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    try {
      const result = await read(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that broke cannot roll back: the error that broke it is the one to tell.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}
