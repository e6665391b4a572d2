import 'reflect-metadata';
import { runMigrations } from '@redmet/platform';
import { REPORTING_SCHEMA } from './database/schema';
import { REPORTING_DEFAULTS, ReportingEnvironment } from './reporting.environment';

runMigrations(ReportingEnvironment, REPORTING_DEFAULTS, REPORTING_SCHEMA).catch((error: unknown) => {
  console.error('Migrations failed:', error);
  process.exit(1);
});
