import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { createKafka, MessagingEnvironment } from '@redmet/messaging';
import { AppModule } from '../app.module';
import { EventHandlers } from './event-handlers';
import { copyOwnedData } from './owned-data';
import { type Offsets, ProjectionReplayer } from './projection-replayer';

export interface RebuildOptions {
  /** The live database, whose owned data (configuration, uploads, alerts) is copied; none: defaults only. */
  liveDatabaseUrl?: string | null;
  /** A database that does not exist yet: it is created and migrated. */
  targetDatabaseUrl: string;
  /** A consumer group that has never consumed: the rebuilt database's inbox and offsets belong to it. */
  consumerGroup: string;
  /** Where to start each partition; the beginning of each topic when absent. */
  startOffsets?: Offsets;
  logger?: false | ('error' | 'warn' | 'log')[];
}

export interface RebuildResult {
  messages: number;
  /** Replay time, from the first batch read to the end offsets. */
  seconds: number;
  /** Of those, summing the aggregates and building the indexes after the last event. */
  finishingSeconds: number;
  messagesPerSecond: number;
  copied: Record<string, number>;
  targetDatabaseUrl: string;
  consumerGroup: string;
}

/** Environment of the rebuilding instance: its own database and group, no alerts, no relay. */
function rebuildEnvironment(options: RebuildOptions): Record<string, string> {
  return {
    DATABASE_URL: options.targetDatabaseUrl,
    KAFKA_CONSUMER_GROUP: options.consumerGroup,
    ALERTS_ENABLED: 'false',
    OUTBOX_RELAY_ENABLED: 'false',
    DATABASE_MIGRATIONS_RUN: 'true',
  };
}

/**
 * Rebuilds every projection into a fresh database from the Kafka topics,
 * reading up to the end each partition had when the rebuild started. A
 * rebuild that fails drops its database: half-built projections (read offsets
 * committed, aggregates not yet summed) must never be taken for a rebuilt one.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  await createDatabase(options.targetDatabaseUrl);
  try {
    return await replayInto(options);
  } catch (error) {
    await dropDatabase(options.targetDatabaseUrl);
    throw error;
  }
}

async function replayInto(options: RebuildOptions): Promise<RebuildResult> {
  const settings = rebuildEnvironment(options);
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule, {
      logger: options.logger ?? ['error', 'warn'],
    });
    const copied = options.liveDatabaseUrl
      ? await copyOwnedData(options.liveDatabaseUrl, options.targetDatabaseUrl)
      : {};
    const environment = app.get(MessagingEnvironment);
    const topics = app.get(EventHandlers).topics();
    const until = await endOffsets(environment, topics, options);
    const { messages, seconds, finishingSeconds } = await app.get(ProjectionReplayer).replay(until);
    return {
      messages,
      seconds,
      finishingSeconds,
      messagesPerSecond: seconds > 0 ? messages / seconds : 0,
      copied,
      targetDatabaseUrl: options.targetDatabaseUrl,
      consumerGroup: options.consumerGroup,
    };
  } finally {
    await app?.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * The high watermark to reach in each partition that has something to read
 * (from the start offset given, else from the beginning); with start offsets,
 * the group is first placed there.
 */
async function endOffsets(
  environment: MessagingEnvironment,
  topics: string[],
  options: RebuildOptions,
): Promise<Offsets> {
  const kafka = createKafka(environment, `${options.consumerGroup}-admin`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (options.startOffsets) await placeGroup(kafka, options.consumerGroup, options.startOffsets);
    const until: Offsets = new Map();
    for (const topic of topics) {
      const start = options.startOffsets?.get(topic);
      const ends = (await admin.fetchTopicOffsets(topic))
        .map(({ partition, low, high }) => ({
          partition,
          from: start?.get(partition) ?? BigInt(low),
          to: BigInt(high),
        }))
        .filter(({ from, to }) => from < to);
      if (ends.length > 0) until.set(topic, new Map(ends.map(({ partition, to }) => [partition, to])));
    }
    return until;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits start offsets for a new group in one go (kafkajs's admin.setOffsets
 * joins and fetches once per topic, seconds each).
 */
async function placeGroup(kafka: Kafka, groupId: string, offsets: Offsets): Promise<void> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30000, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...offsets.keys()] });
    await consumer.run({ autoCommit: false, eachBatch: async () => undefined });
    await consumer.commitOffsets(
      [...offsets].flatMap(([topic, partitions]) =>
        [...partitions].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() })),
      ),
    );
  } finally {
    await consumer.disconnect();
  }
}

function createDatabase(url: string): Promise<void> {
  return administer(url, (name) => `CREATE DATABASE ${name}`);
}

function dropDatabase(url: string): Promise<void> {
  return administer(url, (name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function administer(url: string, statement: (name: string) => string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`database name ${name} must be lower-case letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(statement(name));
  } finally {
    await client.end();
  }
}
