/**
 * npm run bench:outbox — outbox relay against raw kafkajs, measured in one run on this machine.
 *
 * 1. throughput: N events committed while the relay is stopped, then the time
 *    the relay takes to publish them all;
 * 2. baseline: the same messages (same sizes, same producer settings, same
 *    batch size) sent straight with kafkajs;
 * 3. latency: events committed one per transaction at a fixed offered rate while
 *    the relay runs; commit→publish = published_at − created_at of each row.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Message } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createEvent, defineEvent, DepositSnapshot } from '@redmet/contracts';
import {
  createReliableProducer,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingEnvironment,
  MessagingModule,
  Outbox,
  OutboxRelay,
} from '@redmet/messaging';
import { PlatformModule } from '@redmet/platform';
import { createTestDatabase, testKafka, waitFor } from '@redmet/testing';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = 500;
const TOPIC = {
  name: `bench.outbox.v1`,
  owner: 'deposit-registry' as const,
  aggregateType: 'Deposit',
  partitions: 6,
  description: 'benchmark',
};
const BenchEvent = defineEvent({
  topic: TOPIC,
  type: 'DepositRegistered',
  schemaVersion: 1,
  payload: DepositSnapshot,
  summary: 'benchmark',
});

@Module({
  imports: [
    PlatformModule.forRoot({
      service: 'deposit-registry',
      environment: MessagingEnvironment,
      defaults: { PORT: 0 },
      schema: { entities: MESSAGING_ENTITIES, migrations: MESSAGING_MIGRATIONS },
    }),
    MessagingModule.forRoot({ service: 'deposit-registry' }),
  ],
})
class BenchModule {}

function payload(): DepositSnapshot {
  return {
    depositId: randomUUID(),
    name: 'Tomtor (Buranny site)',
    region: 'Sakha (Yakutia)',
    latitude: 71.03,
    longitude: 116.55,
    metals: ['Nb', 'REE', 'Sc'],
    status: 'development',
    version: 1,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function backlog(app: INestApplication): Promise<number> {
  const [row] = await app
    .get(DataSource)
    .query('SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL');
  return row.n;
}

async function commitEvents(app: INestApplication, count: number): Promise<void> {
  const outbox = app.get(Outbox);
  for (let done = 0; done < count; done += BATCH) {
    await app.get(DataSource).transaction(async (manager) => {
      for (let i = 0; i < Math.min(BATCH, count - done); i += 1) {
        const event = payload();
        await outbox.add(manager, BenchEvent, event.depositId, event);
      }
    });
  }
}

async function measureRelayThroughput(app: INestApplication): Promise<number> {
  await commitEvents(app, EVENTS);
  const started = process.hrtime.bigint();
  app.get(OutboxRelay).start();
  await waitFor(async () => (await backlog(app)) === 0, { timeoutMs: 300000, intervalMs: 20 });
  return EVENTS / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function measureRawThroughput(app: INestApplication): Promise<number> {
  const rows: { message_key: string; envelope: object; headers: Record<string, string> }[] = await app
    .get(DataSource)
    .query('SELECT message_key, envelope, headers FROM outbox_message ORDER BY id LIMIT $1', [EVENTS]);
  const messages: Message[] = rows.map((row) => ({
    key: row.message_key,
    value: JSON.stringify(row.envelope),
    headers: row.headers,
  }));
  const producer = createReliableProducer(testKafka('bench-raw'));
  await producer.connect();
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += BATCH) {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [{ topic: TOPIC.name, messages: messages.slice(i, i + BATCH) }],
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return messages.length / seconds;
}

/**
 * The load generator writes the rows Outbox.add writes, one transaction per
 * event, straight through pg: through TypeORM it could not offer 1,000 events/s
 * on two cores while the relay, Kafka and PostgreSQL share them.
 */
async function measureLatency(
  app: INestApplication,
): Promise<{ offered: number; p50: number; p99: number; max: number; count: number }> {
  const dataSource = app.get(DataSource);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const [{ id: before }] = await dataSource.query('SELECT coalesce(max(id), 0) AS id FROM outbox_message');
  const total = RATE * LATENCY_SECONDS;
  const tickMs = 10;
  const perTick = (RATE * tickMs) / 1000;
  const started = Date.now();
  const inFlight: Promise<unknown>[] = [];
  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / tickMs + 1) * perTick));
    for (; sent < due; sent += 1) {
      const body = payload();
      const event = createEvent(BenchEvent, body.depositId, body, { correlationId: randomUUID() });
      inFlight.push(
        pool.query(
          'INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers) VALUES ($1, $2, $3, $4, $5, $6)',
          [
            event.eventId,
            TOPIC.name,
            event.aggregateId,
            event.type,
            JSON.stringify(event),
            JSON.stringify({ 'x-event-id': event.eventId }),
          ],
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  await Promise.all(inFlight);
  const offered = total / ((Date.now() - started) / 1000);
  await pool.end();
  await waitFor(async () => (await backlog(app)) === 0, { timeoutMs: 120000, intervalMs: 20 });
  const rows: { ms: number }[] = await dataSource.query(
    `SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox_message WHERE id > $1`,
    [before],
  );
  const sorted = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
  return {
    offered,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    count: sorted.length,
  };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'infra.mjs'), 'up'], { stdio: 'inherit' });
  const admin = testKafka('bench-admin').admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC.name, numPartitions: TOPIC.partitions }], waitForLeaders: true });
  const database = await createTestDatabase('bench');
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    OUTBOX_RELAY_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    OUTBOX_BATCH_SIZE: String(BATCH),
  });
  const app = (await Test.createTestingModule({ imports: [BenchModule] }).compile()).createNestApplication({
    logger: ['error'],
  });
  await app.init();
  try {
    const relay = await measureRelayThroughput(app);
    const raw = await measureRawThroughput(app);
    const latency = await measureLatency(app);
    console.log(
      `\noutbox relay benchmark (${EVENTS} events of ~${JSON.stringify(payload()).length + 300} bytes, batches of ${BATCH}, 1 broker, acks=all, idempotent)`,
    );
    console.table({
      'relay throughput (events/s)': Math.round(relay),
      'raw kafkajs throughput (events/s)': Math.round(raw),
      'ratio relay/raw': Number((relay / raw).toFixed(2)),
      [`commit→publish p50 at ${Math.round(latency.offered)} events/s (ms)`]: Number(latency.p50.toFixed(1)),
      [`commit→publish p99 at ${Math.round(latency.offered)} events/s (ms)`]: Number(latency.p99.toFixed(1)),
      'commit→publish max (ms)': Number(latency.max.toFixed(1)),
    });
    console.log(JSON.stringify({ relayPerSecond: relay, rawPerSecond: raw, ratio: relay / raw, latency }));
  } finally {
    await app.close();
    await database.drop();
    await admin.deleteTopics({ topics: [TOPIC.name] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
