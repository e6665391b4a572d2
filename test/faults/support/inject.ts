import { type ReadMessage, readTopic, testKafka } from '@redmet/testing';

export interface Injected {
  partition: number;
  offset: string;
}

/** Real events read back from a topic, to be sent again as a redelivering broker or a replaying relay would. */
export function realEvents(topic: string, accept: (message: ReadMessage) => boolean, count: number) {
  return readTopic(topic, accept, (found) => found.length >= count, 60_000);
}

/** Sends messages to a topic as they are, bytes and headers, bypassing every service. */
export async function produceRaw(
  topic: string,
  messages: { partition?: number; key: string | null; value: Buffer | string; headers?: Record<string, string> }[],
): Promise<Injected[]> {
  const producer = testKafka('redmet-faults-injector').producer();
  await producer.connect();
  try {
    const injected: Injected[] = [];
    // One at a time, so each message's offset is known.
    for (const message of messages) {
      const [result] = await producer.send({ topic, messages: [message], acks: -1 });
      injected.push({ partition: result.partition, offset: result.baseOffset ?? '-1' });
    }
    return injected;
  } finally {
    await producer.disconnect();
  }
}

export async function partitionsOf(topic: string): Promise<number[]> {
  const admin = testKafka('redmet-faults-injector').admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map(({ partition }) => partition);
  } finally {
    await admin.disconnect();
  }
}

/** Dead letters that a consumer group wrote for the given original offsets. */
export function deadLettersFor(topic: string, groupId: string, injected: Injected[]): Promise<ReadMessage[]> {
  const wanted = new Set(injected.map(({ partition, offset }) => `${partition}:${offset}`));
  return readTopic(
    `${topic}.dlq`,
    (message) =>
      message.headers['x-dlq-consumer-group'] === groupId &&
      message.headers['x-dlq-original-topic'] === topic &&
      wanted.has(`${message.headers['x-dlq-original-partition']}:${message.headers['x-dlq-original-offset']}`),
    (found) => found.length >= wanted.size,
    60_000,
  );
}
