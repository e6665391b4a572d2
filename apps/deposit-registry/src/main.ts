// Tracing first: it must see http and pg load.
import { startTracing } from '@redmet/platform/tracing';
startTracing('deposit-registry');

import 'reflect-metadata';
import { createHttpApp, listen } from '@redmet/platform';
import { AppModule } from './app.module';
import { REGISTRY_API } from './registry.api';

async function main(): Promise<void> {
  const app = await createHttpApp(AppModule, REGISTRY_API);
  await listen(app);
}

void main();
