import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, type EventDefinition, type EventEnvelope, type Role, TOPICS } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import { Clock, PlatformEnvironment } from '@redmet/platform';
import { createTestDatabase, skipHistory, TestAuth, type TestDatabase, testKafka, startTestApp } from '@redmet/testing';
import { AppModule } from '../../src/app.module';
import { SUBSIDY_API } from '../../src/subsidy.api';

/** Tests run on a fixed day (a Monday, before the cut-off); time of day still moves so the queue has an order. */
export const TODAY = '2026-06-15';

class TestClock extends Clock {
  private readonly startedAt = Date.now();
  day = TODAY;

  override now(): Date {
    return new Date(Date.parse(`${this.day}T08:00:00Z`) + (Date.now() - this.startedAt));
  }
}

export interface Caller {
  roles: Role[];
  userId?: string;
  companyId?: string;
  name?: string;
}

/** A supertest agent with a caller's token, as `SubsidyTestApp.as` gives it. */
export type Agent = ReturnType<typeof request.agent>;

export interface SubsidyTestApp {
  app: NestExpressApplication;
  auth: TestAuth;
  /** A supertest agent calling as `caller`, with a real signed token. */
  as: (caller: Caller) => Promise<Agent>;
  /** Publishes an upstream event (registry or reporting) to Kafka, as that service would. */
  publish: <P extends object>(definition: EventDefinition<P>, aggregateId: string, payload: P) => Promise<void>;
  publishMany: <P extends object>(definition: EventDefinition<P>, events: [string, P][]) => Promise<void>;
  /** Publishes a whole envelope as given; resolves to a function that publishes it again (a redelivery). */
  publishRaw: <P extends object>(
    definition: EventDefinition<P>,
    event: EventEnvelope<P>,
  ) => Promise<() => Promise<void>>;
  sql: <T = Record<string, unknown>>(query: string, parameters?: unknown[]) => Promise<T[]>;
  /** Moves the service's "today" (the time of day still runs); `TODAY` again when not given. */
  travelTo: (day?: string) => void;
  /** Event types in the outbox for one aggregate, oldest first. */
  eventsOf: (aggregateId: string) => Promise<string[]>;
  close: () => Promise<void>;
}

const UPSTREAM_TOPICS = [
  TOPICS.reportingReport,
  ...ALL_TOPICS.filter((topic) => topic.owner === 'deposit-registry'),
].map((topic) => topic.name);

/** The service as production runs it, on a fresh database, the real broker and a consumer group of its own. */
export async function startSubsidy(environment: Record<string, string> = {}): Promise<SubsidyTestApp> {
  const database: TestDatabase = await createTestDatabase('subsidy');
  const auth = new TestAuth().install();
  const group = `subsidy-test-${randomUUID()}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    OUTBOX_POLL_INTERVAL_MS: '200',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...environment,
  });
  await skipHistory(group, UPSTREAM_TOPICS);
  const app = await createApp().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const producer: Producer = testKafka().producer();
  await producer.connect();
  const dataSource = app.get(DataSource);
  const clock = app.get(Clock) as TestClock;

  const publishMany = async <P extends object>(definition: EventDefinition<P>, events: [string, P][]) => {
    const messages = events.map(([aggregateId, payload]) => ({
      key: aggregateId,
      value: JSON.stringify({
        ...sampleEvent(definition),
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        aggregateId,
        payload,
      }),
    }));
    await producer.send({ topic: definition.topic.name, messages });
  };

  return {
    app,
    auth,
    as: async (caller) =>
      request.agent(app.getHttpServer()).set(
        'authorization',
        await auth.bearer({
          roles: caller.roles,
          userId: caller.userId,
          companyId: caller.companyId,
          name: caller.name,
        }),
      ),
    publish: (definition, aggregateId, payload) => publishMany(definition, [[aggregateId, payload]]),
    publishRaw: async (definition, event) => {
      const send = async () => {
        await producer.send({
          topic: definition.topic.name,
          messages: [{ key: event.aggregateId, value: JSON.stringify(event) }],
        });
      };
      await send();
      return send;
    },
    publishMany,
    sql: (query, parameters = []) => dataSource.query(query, parameters),
    travelTo: (day = TODAY) => {
      clock.day = day;
    },
    eventsOf: async (aggregateId) => {
      const rows: { event_type: string }[] = await dataSource.query(
        'SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY id',
        [aggregateId],
      );
      return rows.map((row) => row.event_type);
    },
    close: async () => {
      await producer.disconnect();
      await app.close();
      await database.drop();
    },
  };
}

function createApp(): Promise<NestExpressApplication> {
  return startTestApp(AppModule, SUBSIDY_API, {
    consumers: true,
    override: (builder) =>
      builder.overrideProvider(Clock).useFactory({
        factory: (environment: PlatformEnvironment) => new TestClock(environment),
        inject: [PlatformEnvironment],
      }),
  });
}
