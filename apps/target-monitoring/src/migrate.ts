import 'reflect-metadata';
import { runMigrations } from '@redmet/platform';
import { MONITORING_SCHEMA } from './database/schema';
import { MONITORING_DEFAULTS, MonitoringEnvironment } from './monitoring.environment';

runMigrations(MonitoringEnvironment, MONITORING_DEFAULTS, MONITORING_SCHEMA).catch((error: unknown) => {
  console.error('Migrations failed:', error);
  process.exit(1);
});
