import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { PlatformEnvironment } from '../config/platform.environment';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity and migration classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/** The same options serve the running service and the migration command, so they cannot drift apart. */
export function postgresOptions(
  environment: Pick<
    PlatformEnvironment,
    'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_MIGRATIONS_RUN' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  >,
  schema: SchemaDefinition,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: environment.DATABASE_URL,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: environment.DATABASE_MIGRATIONS_RUN,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      max: environment.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5000,
      options: `-c idle_in_transaction_session_timeout=${environment.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
    },
    // Failed queries surface as exceptions, handled or logged by whoever caught them; only migrations are worth a line.
    logging: ['migration'],
  };
}
