import 'reflect-metadata';
import { runMigrations } from '@redmet/platform';
import { REGISTRY_SCHEMA } from './database/schema';
import { REGISTRY_DEFAULTS, RegistryEnvironment } from './registry.environment';

runMigrations(RegistryEnvironment, REGISTRY_DEFAULTS, REGISTRY_SCHEMA).catch((error: unknown) => {
  console.error('Migrations failed:', error);
  process.exit(1);
});
