import { DataSource, type MigrationInterface } from 'typeorm';
import { postgresOptions } from '@redmet/platform';
import { createTestDatabase } from '@redmet/testing';
import { MONITORING_SCHEMA } from '../../src/database/schema';
import { MonitoringEnvironment } from '../../src/monitoring.environment';

type Migration = new () => MigrationInterface;

const MIGRATIONS = MONITORING_SCHEMA.migrations as Migration[];

/** A migration's timestamp, the thirteen digits its class name ends with. */
export const timestampOf = (migration: Migration) => Number(migration.name.slice(-13));

export interface MigratedDatabase {
  dataSource: DataSource;
  /** Disconnects and drops the database. */
  close: () => Promise<void>;
}

export interface SteppedDatabase {
  /** Runs the pending migrations stamped up to `last` (every one when none is given); open until the next call. */
  upTo: (last?: number) => Promise<DataSource>;
  /** Disconnects and drops the database. */
  close: () => Promise<void>;
}

/**
 * A database of its own migrated step by step, for a test of one upgrade on
 * what the migrations before it left: no service, only the database.
 */
export async function steppedDatabase(name: string): Promise<SteppedDatabase> {
  const database = await createTestDatabase(name);
  let dataSource: DataSource | undefined;
  const disconnect = async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
  };
  return {
    upTo: async (last = Infinity) => {
      await disconnect();
      dataSource = new DataSource(
        postgresOptions(
          Object.assign(new MonitoringEnvironment(), {
            DATABASE_URL: database.url,
            DATABASE_POOL_SIZE: 2,
            DATABASE_MIGRATIONS_RUN: false,
          }),
          { ...MONITORING_SCHEMA, migrations: MIGRATIONS.filter((migration) => timestampOf(migration) <= last) },
        ),
      );
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      return dataSource;
    },
    close: async () => {
      await disconnect();
      await database.drop();
    },
  };
}

/** A database of its own with every monitoring migration run, for a test of an upgrade: no service, only the database. */
export async function migratedDatabase(name: string): Promise<MigratedDatabase> {
  const stepped = await steppedDatabase(name);
  try {
    return { dataSource: await stepped.upTo(), close: stepped.close };
  } catch (error) {
    await stepped.close();
    throw error;
  }
}
