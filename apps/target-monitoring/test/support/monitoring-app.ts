import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, type EventDefinition, type EventEnvelope, type Role } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import {
  createTestDatabase,
  skipHistory,
  TestAuth,
  type TestDatabase,
  testKafka,
  waitFor,
  startTestApp,
} from '@redmet/testing';
import { AppModule } from '../../src/app.module';
import { MONITORING_API } from '../../src/monitoring.api';

/** Every topic the service consumes: the registry's, reporting's and subsidy's. */
export const CONSUMED_TOPICS = ALL_TOPICS.filter((topic) => topic.owner !== 'target-monitoring').map(
  (topic) => topic.name,
);

/** For waits on asynchronous work: the broker and database are shared with every test running. */
export const PATIENTLY = { timeoutMs: 60_000 };

/** Jan 1st, 02:30: never during a test run, so only a test's own `runCheck(date)` escalates. */
export const NEVER_CRON = '0 30 2 1 1 *';

export interface MonitoringTestApp {
  app: NestExpressApplication;
  database: TestDatabase;
  consumerGroup: string;
  /** Where the service's group started reading each partition (after other tests' history). */
  startOffsets: Map<string, Map<number, bigint>>;
  auth: TestAuth;
  /** A supertest agent calling with a token of the given role (a ministry analyst by default). */
  http: (
    role?: Role,
    claims?: { companyId?: string; userId?: string; name?: string },
  ) => Promise<ReturnType<typeof request.agent>>;
  /** Publishes an upstream event as its owner would (fresh event id), straight to Kafka. */
  publish: <P extends object>(
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
    envelope?: Partial<EventEnvelope<P>>,
  ) => Promise<EventEnvelope<P>>;
  /** Waits until the service has applied (or deduplicated) these events. */
  processed: (...events: { eventId: string }[]) => Promise<void>;
  query: <T = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<T[]>;
  /** The types of the events the service wrote to its outbox under this key (an alert's id), oldest first. */
  publishedTypes: (key: string) => Promise<string[]>;
  close: () => Promise<void>;
}

export async function startMonitoring(environment: Record<string, string> = {}): Promise<MonitoringTestApp> {
  const database = await createTestDatabase('monitoring');
  const auth = new TestAuth().install();
  const consumerGroup = `target-monitoring-test-${randomUUID()}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: consumerGroup,
    // Long enough that a machine loaded by parallel test runs does not miss heartbeats and rebalance.
    KAFKA_SESSION_TIMEOUT_MS: '30000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_INTERVAL_MS: '200',
    ALERT_EVALUATION_INTERVAL_MS: '200',
    ESCALATION_CHECK_CRON: NEVER_CRON,
    DELIVERY_POLL_INTERVAL_MS: '200',
    DELIVERY_RETRY_BACKOFF_MS: '100',
    DELIVERY_TIMEOUT_MS: '3000',
    SMTP_URL: '',
    // Whatever the machine's settings: the tests' days are Moscow's.
    TIME_ZONE: 'Europe/Moscow',
    ...environment,
  });
  await skipHistory(consumerGroup, CONSUMED_TOPICS);
  const startOffsets = await committedOffsets(consumerGroup);
  const app = await createApp().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const producer: Producer = testKafka('monitoring-test').producer();
  await producer.connect();
  const dataSource = app.get(DataSource);
  return {
    app,
    database,
    consumerGroup,
    startOffsets,
    auth,
    http: async (role = 'ministry_analyst', claims = {}) =>
      request.agent(app.getHttpServer()).set('authorization', await auth.bearer({ roles: [role], ...claims })),
    publish: async (definition, aggregateId, payload, envelope = {}) => {
      const event = {
        ...sampleEvent(definition),
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        aggregateId,
        payload,
        ...envelope,
      };
      await producer.send({
        topic: definition.topic.name,
        messages: [{ key: aggregateId, value: JSON.stringify(event) }],
      });
      return event;
    },
    processed: async (...events) => {
      const ids = events.map((event) => event.eventId);
      await waitFor(
        async () => {
          const [row] = await dataSource.query(
            'SELECT count(*)::int AS n FROM processed_event WHERE consumer = $1 AND event_id = ANY($2)',
            [consumerGroup, ids],
          );
          return row.n === ids.length;
        },
        // The broker and database are shared with every other test running: patience, not timing.
        { description: `${ids.length} events processed`, timeoutMs: 90_000 },
      );
    },
    query: (sql, parameters = []) => dataSource.query(sql, parameters),
    publishedTypes: async (key) =>
      (
        await dataSource.query<{ event_type: string }[]>(
          'SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY id',
          [key],
        )
      ).map((row) => row.event_type),
    close: async () => {
      await producer.disconnect();
      await app.close();
      await database.drop();
    },
  };
}

async function committedOffsets(groupId: string): Promise<Map<string, Map<number, bigint>>> {
  const admin = testKafka('monitoring-test-offsets').admin();
  await admin.connect();
  try {
    const topics = await admin.fetchOffsets({ groupId, topics: CONSUMED_TOPICS });
    return new Map(
      topics.map(({ topic, partitions }) => [topic, new Map(partitions.map((p) => [p.partition, BigInt(p.offset)]))]),
    );
  } finally {
    await admin.disconnect();
  }
}

function createApp(): Promise<NestExpressApplication> {
  return startTestApp(AppModule, MONITORING_API, { consumers: true });
}
