import 'reflect-metadata';
import { runMigrations } from '@redmet/platform';
import { GATEWAY_SCHEMA } from './database/schema';
import { GATEWAY_DEFAULTS, GatewayEnvironment } from './gateway.environment';

runMigrations(GatewayEnvironment, GATEWAY_DEFAULTS, GATEWAY_SCHEMA).catch((error: unknown) => {
  console.error('Migrations failed:', error);
  process.exit(1);
});
