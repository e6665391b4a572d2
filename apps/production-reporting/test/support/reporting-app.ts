import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, type Role } from '@redmet/contracts';
import {
  createTestDatabase,
  skipHistory,
  TestAuth,
  type TestDatabase,
  countRows,
  outboxEventTypes,
  startTestApp,
} from '@redmet/testing';
import { AppModule } from '../../src/app.module';
import { REPORTING_API } from '../../src/reporting.api';

/** Jan 1st, 02:30: never during a test run, so only the tests' own `runCheck(date)` calls run the checks. */
export const NEVER_CRON = '0 30 2 1 1 *';

export type Agent = ReturnType<typeof request.agent>;

/** The tables whose counts show whether a filing wrote anything (its report, version, lines and events), for `count`. */
export const FILING_TABLES = ['report', 'report_version', 'report_line', 'outbox_message'];

export interface ReportingInstance {
  app: NestExpressApplication;
  /** Calls as a producer of `companyId` (the token's company_id claim). */
  producer: (companyId: string, userId?: string) => Promise<Agent>;
  close: () => Promise<void>;
}

export interface ReportingTestApp extends ReportingInstance {
  auth: TestAuth;
  /** Calls as staff with `role`. */
  staff: (role: Role) => Promise<Agent>;
  /** Rows per table, to prove a refused request wrote nothing. */
  count: (...tables: string[]) => Promise<Record<string, number>>;
  /** Event types in the outbox for one aggregate, oldest first. */
  eventsOf: (aggregateId: string) => Promise<string[]>;
  /**
   * Another instance on the same database and broker, started with `settings` changed, without
   * consumers: the service as it runs after a restart with new configuration. The caller closes it.
   */
  restarted: (settings: Record<string, string>) => Promise<ReportingInstance>;
}

/**
 * The service as production runs it (same module, middleware and validation),
 * on a fresh database and the real broker, with its own consumer group that
 * starts at the current end of the registry topics.
 */
export async function startReporting(settings: Record<string, string> = {}): Promise<ReportingTestApp> {
  const database: TestDatabase = await createTestDatabase('reporting');
  const auth = new TestAuth().install();
  const group = `production-reporting-test-${randomUUID()}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    OUTBOX_POLL_INTERVAL_MS: '200',
    REPORTING_DEADLINE_CHECK_CRON: NEVER_CRON,
    REPORTING_PENDING_CHECK_CRON: NEVER_CRON,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...settings,
  });
  await skipHistory(
    group,
    ALL_TOPICS.filter((topic) => topic.owner === 'deposit-registry').map((topic) => topic.name),
  );
  const app = await createApp().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const dataSource = app.get(DataSource);
  const agent = (bearer: string) => request.agent(app.getHttpServer()).set('authorization', bearer);
  return {
    app,
    auth,
    producer: producerOf(app, auth),
    staff: async (role) => agent(await auth.bearer({ roles: [role] })),
    count: (...tables) => countRows(dataSource, tables),
    eventsOf: (aggregateId) => outboxEventTypes(dataSource, aggregateId),
    restarted: async (changed) => {
      const instance = await withSettings(changed, () => startTestApp(AppModule, REPORTING_API));
      return { app: instance, producer: producerOf(instance, auth), close: () => instance.close() };
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

function producerOf(app: NestExpressApplication, auth: TestAuth): ReportingInstance['producer'] {
  return async (companyId, userId = randomUUID()) => {
    const bearer = await auth.bearer({ roles: ['producer'], companyId, userId, name: 'A. Petrova, chief engineer' });
    return request.agent(app.getHttpServer()).set('authorization', bearer);
  };
}

/** The environment is read when a module starts: changed for `start`, then as it was for everything else. */
async function withSettings<T>(changed: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(changed).map((key) => [key, process.env[key]]));
  Object.assign(process.env, changed);
  try {
    return await start();
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function createApp(): Promise<NestExpressApplication> {
  return startTestApp(AppModule, REPORTING_API, { consumers: true });
}
