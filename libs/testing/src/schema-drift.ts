import { DataSource } from 'typeorm';
import { postgresOptions, type SchemaDefinition } from '@redmet/platform';
import { createTestDatabase } from './test-database';

/**
 * What TypeORM would change in a database built by `schema`'s migrations to make it match
 * `schema`'s entities: the SQL `migration:generate` would write. Empty when the entities declare
 * everything the migrations create (columns, keys, indexes, checks, foreign keys).
 */
export async function schemaDrift(label: string, schema: SchemaDefinition): Promise<string[]> {
  const database = await createTestDatabase(`drift_${label}`);
  const dataSource = new DataSource(
    postgresOptions(
      {
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: 2,
        DATABASE_MIGRATIONS_RUN: false,
        DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60000,
      },
      schema,
    ),
  );
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}
