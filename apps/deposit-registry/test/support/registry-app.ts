import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  TestAuth,
  type TestDatabase,
  countRows,
  outboxEventTypes,
  startTestApp,
} from '@redmet/testing';
import { AppModule } from '../../src/app.module';
import { REGISTRY_API } from '../../src/registry.api';

/** Jan 1st, 02:30: never during a test run, so only the tests' own `runCheck(date)` calls check expiry. */
export const TEST_EXPIRY_CRON = '0 30 2 1 1 *';

export interface RegistryTestApp {
  app: NestExpressApplication;
  /** A supertest agent on the app's HTTP server, calling as a registry administrator. */
  http: () => ReturnType<typeof request.agent>;
  /** The signing key the app trusts, to call with other roles or broken tokens. */
  auth: TestAuth;
  /** Rows per table, to prove a refused request wrote nothing. */
  count: (...tables: string[]) => Promise<Record<string, number>>;
  /** Event types in the outbox for one aggregate, oldest first. */
  eventsOf: (aggregateId: string) => Promise<string[]>;
  close: () => Promise<void>;
}

/**
 * The registry as production runs it (same module, middleware, body parser and
 * validation), on a fresh database and the real broker. Settings go through
 * the environment, read when the app is created.
 */
export async function startRegistry(): Promise<RegistryTestApp> {
  const database: TestDatabase = await createTestDatabase('registry');
  const auth = new TestAuth().install();
  const bearer = await auth.bearer({ roles: ['registry_admin'] });
  process.env.DATABASE_URL = database.url;
  process.env.OUTBOX_POLL_INTERVAL_MS = '200';
  process.env.LICENCE_EXPIRY_CHECK_CRON = TEST_EXPIRY_CRON;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  const app = await createApp().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const dataSource = app.get(DataSource);
  return {
    app,
    http: () => request.agent(app.getHttpServer()).set('authorization', bearer),
    auth,
    count: (...tables) => countRows(dataSource, tables),
    eventsOf: (aggregateId) => outboxEventTypes(dataSource, aggregateId),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

function createApp(): Promise<NestExpressApplication> {
  return startTestApp(AppModule, REGISTRY_API);
}
