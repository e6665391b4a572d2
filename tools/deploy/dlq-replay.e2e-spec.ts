// scripts/dlq-replay.mjs against the real broker: dead letters as the messaging library
// parks them go back to their topic with key, value and headers, filtered by event id
// or group, and a dry run publishes nothing.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Admin, Producer } from 'kafkajs';
import { readTopic, testBrokers, testKafka } from '@redmet/testing';

const SCRIPT = path.resolve(__dirname, '../../scripts/dlq-replay.mjs');
const run = promisify(execFile);

function replay(...args: string[]) {
  return run(process.execPath, [SCRIPT, ...args], { env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') } });
}

describe('scripts/dlq-replay.mjs', () => {
  const topic = `deploy-test.replay-${randomUUID().slice(0, 8)}.v1`;
  const letters = [randomUUID(), randomUUID(), randomUUID()].map((eventId, index) => ({
    eventId,
    key: `aggregate-${index}`,
    group: index === 2 ? 'target-monitoring' : 'subsidy-processing',
  }));
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    const kafka = testKafka();
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 3 },
        { topic: `${topic}.dlq`, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    await producer.send({
      topic: `${topic}.dlq`,
      messages: letters.map((letter) => ({
        key: letter.key,
        value: JSON.stringify({ eventId: letter.eventId, type: 'ReportAccepted' }),
        headers: {
          'x-correlation-id': `correlation-${letter.eventId}`,
          'x-dlq-original-topic': topic,
          'x-dlq-consumer-group': letter.group,
          'x-dlq-error-kind': 'handler-failed',
          'x-dlq-error': 'boom',
        },
      })),
    });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  async function messagesOn(name: string) {
    const offsets = await admin.fetchTopicOffsets(name);
    return offsets.reduce((total, partition) => total + Number(partition.high) - Number(partition.low), 0);
  }

  it('lists the dead letters in a dry run and publishes nothing', async () => {
    const { stdout } = await replay('--topic', topic, '--dry-run');

    for (const letter of letters) expect(stdout).toContain(`event ${letter.eventId}`);
    expect(stdout).toContain('would replay 3, left 0');
    expect(await messagesOn(topic)).toBe(0);
  });

  it('replays only the selected event, with its key and headers and without the dead-letter headers', async () => {
    const chosen = letters[1];
    const { stdout } = await replay('--topic', topic, '--event-id', chosen.eventId);

    expect(stdout).toContain('replayed 1, left 2');
    const [message] = await readTopic(
      topic,
      () => true,
      (read) => read.length >= 1,
    );
    expect(message.key).toBe(chosen.key);
    expect(JSON.parse(message.value ?? '{}')).toEqual({ eventId: chosen.eventId, type: 'ReportAccepted' });
    expect(message.headers['x-correlation-id']).toBe(`correlation-${chosen.eventId}`);
    expect(message.headers['x-dlq-replayed-from']).toBe(`${topic}.dlq/0/1`);
    expect(Object.keys(message.headers).filter((name) => name.startsWith('x-dlq-'))).toEqual(['x-dlq-replayed-from']);
    expect(await messagesOn(topic)).toBe(1);
  });

  it('replays only what one consumer group dead-lettered', async () => {
    const { stdout } = await replay('--topic', topic, '--consumer-group', 'target-monitoring');

    expect(stdout).toContain('replayed 1, left 2');
    const replayed = await readTopic(
      topic,
      (read) => read.key === letters[2].key,
      (read) => read.length >= 1,
    );
    expect(JSON.parse(replayed[0].value ?? '{}').eventId).toBe(letters[2].eventId);
    expect(await messagesOn(topic)).toBe(2);
  });
});
