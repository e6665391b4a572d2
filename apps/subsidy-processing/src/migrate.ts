import 'reflect-metadata';
import { runMigrations } from '@redmet/platform';
import { SUBSIDY_SCHEMA } from './database/schema';
import { SUBSIDY_DEFAULTS, SubsidyEnvironment } from './subsidy.environment';

runMigrations(SubsidyEnvironment, SUBSIDY_DEFAULTS, SUBSIDY_SCHEMA).catch((error: unknown) => {
  console.error('Migrations failed:', error);
  process.exit(1);
});
