import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { loadDemoData } from './load-demo-data';

/**
 * `node dist/apps/deposit-registry/apps/deposit-registry/src/demo/load-demo.js`
 * (after `nest build deposit-registry`): loads the demo data into the database
 * in DATABASE_URL, running migrations first like the service. The events go
 * out through the outbox: published by this process's relay while it runs,
 * otherwise by the service's.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  try {
    const summary = await loadDemoData(app);
    console.log('Demo data loaded:');
    for (const [kind, { created, existing }] of Object.entries(summary)) {
      console.log(
        `  ${kind.padEnd(11)} ${String(created).padStart(3)} created, ${String(existing).padStart(3)} already there`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error('Loading the demo data failed:', error);
  process.exitCode = 1;
});
