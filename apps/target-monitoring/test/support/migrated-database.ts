import { DataSource } from 'typeorm';
import { postgresOptions } from '@redmet/platform';
import { createTestDatabase } from '@redmet/testing';
import { MONITORING_SCHEMA } from '../../src/database/schema';
import { MonitoringEnvironment } from '../../src/monitoring.environment';

export interface MigratedDatabase {
  dataSource: DataSource;
  /** Disconnects and drops the database. */
  close: () => Promise<void>;
}

/** A database of its own with every monitoring migration run, for a test of an upgrade: no service, only the database. */
export async function migratedDatabase(name: string): Promise<MigratedDatabase> {
  const database = await createTestDatabase(name);
  const dataSource = new DataSource(
    postgresOptions(
      Object.assign(new MonitoringEnvironment(), {
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: 2,
        DATABASE_MIGRATIONS_RUN: false,
      }),
      MONITORING_SCHEMA,
    ),
  );
  const close = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  };
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await close();
    throw error;
  }
  return { dataSource, close };
}
