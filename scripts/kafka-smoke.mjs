#!/usr/bin/env node
// Checks that the pinned kafkajs works against the broker that `npm run infra:up`
// starts, with the settings the services use: explicit topic creation, an
// idempotent keyed producer, a consumer group with manual commits, cleanup.
//
//   node scripts/kafka-smoke.mjs        (KAFKA_BROKERS, default 127.0.0.1:9092)
//
// kafkajs is unmaintained upstream and Kafka 4 removed old protocol versions:
// run this after bumping either of them.

import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((entry) => entry.trim());
const RUN_ID = `${Date.now()}-${process.pid}`;
const TOPIC = `redmet.smoke.${RUN_ID}`;
const GROUP = `redmet-smoke-${RUN_ID}`;
const PARTITIONS = 3;
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const MESSAGES_PER_KEY = 5;
const TIMEOUT_MS = 60_000;

const kafka = new Kafka({ clientId: 'redmet-smoke', brokers: BROKERS, logLevel: logLevel.WARN });
const admin = kafka.admin();
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
  allowAutoTopicCreation: false,
});
// The broker's group.min.session.timeout.ms is 6000: less is refused.
const consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 1000 });

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS / 1000} s: ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function createTopic() {
  await admin.connect();
  const created = await admin.createTopics({
    topics: [{ topic: TOPIC, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics;
  check(
    'create topic',
    created && metadata.partitions.length === PARTITIONS,
    `${metadata.partitions.length} partitions`,
  );
}

// Tests must wait for the group to join before producing; do the same here.
async function startConsumer(received) {
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      received.push({
        partition,
        offset: message.offset,
        key: message.key.toString(),
        value: message.value.toString(),
      });
    },
  });
  const { duration } = (await withTimeout(joined, 'consumer group join')).payload;
  check('consumer group join', true, `${duration} ms`);
}

async function produce() {
  await producer.connect();
  const messages = [];
  for (let sequence = 0; sequence < MESSAGES_PER_KEY; sequence += 1) {
    for (const key of KEYS) messages.push({ key, value: String(sequence) });
  }
  // One message per send so that the per-key order is produced, not batched.
  for (const message of messages) await producer.send({ topic: TOPIC, acks: -1, messages: [message] });
  check('idempotent produce (acks -1)', true, `${messages.length} messages`);
  return messages.length;
}

async function waitFor(condition, what) {
  await withTimeout(
    (async () => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100));
    })(),
    what,
  );
}

function checkDelivery(received, expected) {
  check('consume all', received.length === expected, `${received.length}/${expected}`);
  const partitionsByKey = new Map();
  const valuesByKey = new Map();
  for (const { key, partition, value } of received) {
    partitionsByKey.set(key, new Set([...(partitionsByKey.get(key) ?? []), partition]));
    valuesByKey.set(key, [...(valuesByKey.get(key) ?? []), Number(value)]);
  }
  const oneKeyOnePartition = [...partitionsByKey.values()].every((partitions) => partitions.size === 1);
  const usedPartitions = new Set(received.map(({ partition }) => partition));
  check('same key, same partition', oneKeyOnePartition, `${usedPartitions.size} partitions used`);
  const inOrder = [...valuesByKey.values()].every((values) => values.every((value, index) => value === index));
  check('order kept per key', inOrder);
}

async function commitAndVerify(received) {
  const next = new Map();
  for (const { partition, offset } of received) {
    next.set(partition, String(Math.max(Number(next.get(partition) ?? 0), Number(offset) + 1)));
  }
  const offsets = [...next].map(([partition, offset]) => ({ topic: TOPIC, partition, offset }));
  await consumer.commitOffsets(offsets);
  const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
  const total = committed.partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
  check('commit offsets', total === received.length, `committed ${total}`);
}

async function cleanUp() {
  await consumer.disconnect().catch(() => {});
  await producer.disconnect().catch(() => {});
  try {
    await admin.deleteGroups([GROUP]);
    await admin.deleteTopics({ topics: [TOPIC] });
    const { topics } = await admin.fetchTopicMetadata().catch(() => ({ topics: [] }));
    check('delete topic and group', !topics.some(({ name }) => name === TOPIC));
  } catch (error) {
    check('delete topic and group', false, error.message);
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const received = [];
  try {
    await createTopic();
    await startConsumer(received);
    const expected = await produce();
    await waitFor(() => received.length >= expected, 'consuming every message');
    checkDelivery(received, expected);
    await commitAndVerify(received);
  } catch (error) {
    check('smoke run', false, error.message);
  } finally {
    await cleanUp();
  }
  const failed = results.filter((ok) => !ok).length;
  console.log(`kafka-smoke: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
