import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { startConsumers } from '@redmet/messaging';
import { configureHttp, type ServiceDescription } from '@redmet/platform';

export interface TestAppOptions {
  /** Start the service's Kafka consumers too (the services that consume). */
  consumers?: boolean;
  /** Replace providers, e.g. a clock, before the module compiles. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** A service in-process with the HTTP set-up of its main.ts (middleware, body limits, docs). */
export async function startTestApp(
  module: Type<unknown>,
  description: ServiceDescription,
  options: TestAppOptions = {},
): Promise<NestExpressApplication> {
  const builder = Test.createTestingModule({ imports: [module] });
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureHttp(app, description);
  await app.init();
  if (options.consumers) await startConsumers(app);
  return app;
}

/** Rows per table, to show that a refused request wrote nothing. */
export async function countRows(dataSource: DataSource, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row.n;
  }
  return counts;
}

/** The types of the events written to the outbox for an aggregate, in order. */
export async function outboxEventTypes(dataSource: DataSource, aggregateId: string): Promise<string[]> {
  const rows: { event_type: string }[] = await dataSource.query(
    'SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY id',
    [aggregateId],
  );
  return rows.map((row) => row.event_type);
}
