import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  createEvent,
  DepositRegistered,
  type DepositSnapshot,
  DepositUpdated,
  type EventEnvelope,
  TOPICS,
} from '@redmet/contracts';
import { skipHistory } from '@redmet/testing';
import { kafkaConsumerTransport, Outbox } from '../../src';
import { probeModule } from './probe.module';

export interface ProbeOptions {
  databaseUrl: string;
  consumerGroup: string;
  relay?: boolean;
  consume?: boolean;
  /** OUTBOX_EVENT_MAX_BYTES; its default when not given. */
  eventMaxBytes?: number;
}

/** Starts the probe service against the real broker and database; settings go through the environment as in production. */
export async function startProbe(options: ProbeOptions): Promise<INestApplication> {
  process.env.DATABASE_URL = options.databaseUrl;
  process.env.OUTBOX_RELAY_ENABLED = String(options.relay ?? true);
  process.env.OUTBOX_POLL_INTERVAL_MS = '200';
  process.env.CONSUMER_RETRY_BACKOFF_MS = '20';
  process.env.KAFKA_SESSION_TIMEOUT_MS = '6000';
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  if (options.eventMaxBytes) process.env.OUTBOX_EVENT_MAX_BYTES = String(options.eventMaxBytes);
  else delete process.env.OUTBOX_EVENT_MAX_BYTES;
  await skipHistory(options.consumerGroup, [TOPICS.registryDeposit.name]);
  const moduleRef = await Test.createTestingModule({ imports: [probeModule(options.consumerGroup)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  if (options.consume ?? true) app.connectMicroservice(kafkaConsumerTransport(app));
  await app.init();
  await app.startAllMicroservices();
  return app;
}

export function depositSnapshot(overrides: Partial<DepositSnapshot> = {}): DepositSnapshot {
  return {
    depositId: randomUUID(),
    name: 'Kolmozerskoye',
    region: 'Murmansk Oblast',
    latitude: 68.28,
    longitude: 35.93,
    metals: ['Li', 'Ta', 'Nb', 'Be'],
    status: 'development',
    version: 1,
    ...overrides,
  };
}

export function depositRegistered(overrides: Partial<DepositSnapshot> = {}): EventEnvelope<DepositSnapshot> {
  const payload = depositSnapshot(overrides);
  return createEvent(DepositRegistered, payload.depositId, payload, { correlationId: `test-${randomUUID()}` });
}

export function depositUpdated(overrides: Partial<DepositSnapshot> = {}): EventEnvelope<DepositSnapshot> {
  const payload = depositSnapshot({ version: 2, ...overrides });
  return createEvent(DepositUpdated, payload.depositId, payload, { correlationId: `test-${randomUUID()}` });
}

/** Writes events through the outbox in one transaction, as a service's command would. */
export async function writeThroughOutbox(app: INestApplication, payloads: DepositSnapshot[]): Promise<EventEnvelope[]> {
  const outbox = app.get(Outbox);
  return app.get(DataSource).transaction(async (manager) => {
    const events: EventEnvelope[] = [];
    for (const payload of payloads)
      events.push(await outbox.add(manager, DepositRegistered, payload.depositId, payload));
    return events;
  });
}

export async function effectsOf(
  app: INestApplication,
  depositId: string,
): Promise<{ event_id: string; applied: number; version: number; correlation_id: string; group_size: number }[]> {
  return app
    .get(DataSource)
    .query(
      'SELECT event_id, applied, version, correlation_id, group_size FROM probe_effect WHERE deposit_id = $1 ORDER BY version',
      [depositId],
    );
}
