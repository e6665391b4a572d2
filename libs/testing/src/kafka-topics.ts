import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel, type Consumer, type IHeaders, type KafkaMessage } from 'kafkajs';
import { ensureTopics } from '@redmet/messaging';
import { waitFor } from './wait-for';

/** Read when asked: a suite that runs against its own cluster points KAFKA_BROKERS there after the imports. */
export function testBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export function testKafka(clientId = 'redmet-test'): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The message as kafkajs read it, for checks that must compare bytes. */
  raw: KafkaMessage;
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

function toReadMessage(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: textHeaders(message.headers),
    raw: message,
  };
}

/**
 * Reads a topic from the beginning with an independent consumer group and
 * returns the messages `accept` keeps, once `done` says enough has arrived.
 */
export async function readTopic(
  topic: string,
  accept: (message: ReadMessage) => boolean,
  done: (accepted: ReadMessage[]) => boolean,
  timeoutMs = 30000,
): Promise<ReadMessage[]> {
  const consumer: Consumer = testKafka().consumer({
    groupId: `redmet-test-reader-${randomUUID()}`,
    sessionTimeout: 6000,
  });
  const accepted: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.run({
      // Batches, not messages: a topic that many tests and benchmarks have written to is long to read.
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const read = toReadMessage(batch.topic, batch.partition, message);
          if (accept(read)) accepted.push(read);
        }
        if (done(accepted)) finish();
      },
    });
    const timer = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`read ${accepted.length} matching messages from ${topic} before timing out`)),
        timeoutMs,
      ).unref(),
    );
    await Promise.race([finished, timer]);
    return accepted;
  } finally {
    await consumer.disconnect();
  }
}

/** Resolves once the consumer has joined its group and been given partitions. */
export function groupJoined(consumer: Consumer, timeoutMs = 30000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('consumer did not join its group in time')), timeoutMs);
    consumer.on(consumer.events.GROUP_JOIN, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Creates the platform's topics that do not exist yet, as a service does when
 * it starts, and waits until their offsets can be read: on a KRaft broker a
 * topic's leader can still be moving after createTopics has returned.
 */
export async function provisionTopics(admin: Admin): Promise<void> {
  const created = await ensureTopics(admin, {
    replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1),
    minInsyncReplicas: Number(process.env.KAFKA_MIN_INSYNC_REPLICAS ?? 1),
  });
  await waitFor(() => Promise.all(created.map((topic) => admin.fetchTopicOffsets(topic))), {
    timeoutMs: 30_000,
    intervalMs: 250,
    description: `the leaders of ${created.length} new topics`,
  });
}

/**
 * Commits the current end of each topic for a consumer group that does not
 * exist yet, so that it starts there instead of replaying every earlier test's
 * events. Production groups start from the beginning. (kafkajs's own
 * admin.resetOffsets waits out a full fetch per topic: seconds each.) On a
 * fresh broker the topics are created first, as a service would at start:
 * a group cannot subscribe to a topic that does not exist.
 */
export async function skipHistory(groupId: string, topics: readonly string[]): Promise<void> {
  const kafka = testKafka('redmet-test-skip-history');
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, maxWaitTimeInMs: 100 });
  await Promise.all([admin.connect(), consumer.connect()]);
  try {
    await provisionTopics(admin);
    await consumer.subscribe({ topics: [...topics], fromBeginning: false });
    await consumer.run({ autoCommit: false, eachBatch: async () => undefined });
    // A topic created a moment ago (here or by a service starting beside us) may not have its leader yet.
    const ends = await waitFor(
      () =>
        Promise.all(
          topics.map(async (topic) =>
            (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({ topic, partition, offset: high })),
          ),
        ),
      { timeoutMs: 30_000, intervalMs: 250, description: `the ends of ${topics.length} topics` },
    );
    await consumer.commitOffsets(ends.flat());
  } finally {
    await Promise.all([consumer.disconnect(), admin.disconnect()]);
  }
}
