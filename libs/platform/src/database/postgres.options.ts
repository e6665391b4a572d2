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
      // JIT off: it compiles a query when the planner's cost estimate is high, and the estimates of set-returning
      // functions (generate_series over a report's months) are; compiling took 6.7 of 7.5 s of a history query
      // whose execution took under a second. No query here runs long enough to win the compile time back.
      options: `-c idle_in_transaction_session_timeout=${environment.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS} -c jit=off`,
    },
    // Failed queries surface as exceptions, handled or logged by whoever caught them; only migrations are worth a line.
    logging: ['migration'],
  };
}
