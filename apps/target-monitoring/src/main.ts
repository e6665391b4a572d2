// Tracing first: it must see http and pg load.
import { startTracing } from '@redmet/platform/tracing';
startTracing('target-monitoring');

import 'reflect-metadata';
import { startConsumers } from '@redmet/messaging';
import { createHttpApp, listen } from '@redmet/platform';
import { AppModule } from './app.module';
import { MONITORING_API } from './monitoring.api';

async function main(): Promise<void> {
  const app = await createHttpApp(AppModule, MONITORING_API);
  await startConsumers(app);
  await listen(app);
}

void main();
