import { randomUUID } from 'node:crypto';
import { type ReadMessage, skipHistory, testKafka } from '@redmet/testing';

/**
 * Reads what arrives on a topic from now on: unlike readTopic, which starts at
 * the beginning, its cost does not grow with the topic's history (shared with
 * every other test and benchmark run on the broker).
 */
export class TopicTail {
  private constructor(
    private readonly topic: string,
    private readonly groupId: string,
  ) {}

  /** Call before the action whose messages are awaited. */
  static async start(topic: string): Promise<TopicTail> {
    const groupId = `production-reporting-test-tail-${randomUUID()}`;
    await skipHistory(groupId, [topic]);
    return new TopicTail(topic, groupId);
  }

  async read(accept: (message: ReadMessage) => boolean, count: number, timeoutMs = 30000): Promise<ReadMessage[]> {
    const consumer = testKafka().consumer({ groupId: this.groupId, sessionTimeout: 6000, maxWaitTimeInMs: 100 });
    const found: ReadMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.topic, fromBeginning: false });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`read ${found.length} of ${count} messages from ${this.topic} before timing out`)),
          timeoutMs,
        );
        void consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            const read: ReadMessage = {
              topic,
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
              ),
              raw: message,
            };
            if (accept(read)) found.push(read);
            if (found.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
      return found;
    } finally {
      await consumer.disconnect();
    }
  }
}
