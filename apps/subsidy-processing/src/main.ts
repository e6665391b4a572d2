// Tracing first: it must see http and pg load.
import { startTracing } from '@redmet/platform/tracing';
startTracing('subsidy-processing');

import 'reflect-metadata';
import { startConsumers } from '@redmet/messaging';
import { createHttpApp, listen } from '@redmet/platform';
import { AppModule } from './app.module';
import { SUBSIDY_API } from './subsidy.api';

async function main(): Promise<void> {
  const app = await createHttpApp(AppModule, SUBSIDY_API);
  await startConsumers(app);
  await listen(app);
}

void main();
