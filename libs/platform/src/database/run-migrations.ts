import { DataSource } from 'typeorm';
import type { PlatformEnvironment } from '../config/platform.environment';
import { validateEnvironment } from '../config/validate-environment';
import { postgresOptions, type SchemaDefinition } from './postgres.options';

/** Any fixed key: what matters is that every migrating process of a database takes the same one. */
const MIGRATION_LOCK = 0x7265646d; // 'redm'

/**
 * The migration command, `node dist/apps/<app>/apps/<app>/src/migrate.js`: applies the
 * pending migrations with the service's own validated settings and exits. TypeORM does
 * not lock while migrating; the advisory lock makes a second copy wait, then find
 * nothing to do.
 */
export async function runMigrations<E extends PlatformEnvironment>(
  environment: new () => E,
  defaults: Partial<E>,
  schema: SchemaDefinition,
): Promise<void> {
  const settings = validateEnvironment(environment, defaults)(process.env);
  const dataSource = new DataSource({ ...postgresOptions(settings, schema), migrationsRun: false });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length === 0 ? 'schema is current' : `applied ${applied.map((migration) => migration.name).join(', ')}`,
    );
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
