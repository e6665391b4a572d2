#!/usr/bin/env node
// Replays dead letters: reads `<topic>.dlq` up to its current end and publishes each
// message again to `<topic>` with its original key, value and headers (the x-dlq-*
// headers the dead-lettering added are dropped; x-dlq-replayed-from says where it came
// from). Consumers are idempotent, so a group that had applied the event skips it.
//
//   node scripts/dlq-replay.mjs --topic reporting.report.v1 [--event-id ID]... \
//     [--consumer-group GROUP] [--dry-run] [--brokers host:port,...]
//
// --event-id (repeatable) and --consumer-group (the group that dead-lettered it) narrow
// the selection; --dry-run lists what would be replayed. Brokers default to KAFKA_BROKERS,
// then 127.0.0.1:9092. deploy/OPERATIONS.md: "Reprocessing a dead-letter topic".
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, Partitioners } = kafkajs;
const DLQ_PREFIX = 'x-dlq-';

const { values } = parseArgs({
  options: {
    topic: { type: 'string' },
    'event-id': { type: 'string', multiple: true, default: [] },
    'consumer-group': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
  },
});
if (!values.topic || values.topic.endsWith('.dlq')) {
  console.error('usage: dlq-replay.mjs --topic <original topic, without .dlq> [--event-id ID]... [--dry-run]');
  process.exit(2);
}

const topic = values.topic;
const deadLetterTopic = `${topic}.dlq`;
const eventIds = new Set(values['event-id']);
const text = (value) => (value === undefined || value === null ? undefined : value.toString());

function eventIdOf(message) {
  try {
    return JSON.parse(message.value.toString('utf8')).eventId;
  } catch {
    return undefined;
  }
}

function selected(message) {
  if (eventIds.size > 0 && !eventIds.has(eventIdOf(message))) return false;
  const group = text(message.headers?.[`${DLQ_PREFIX}consumer-group`]);
  return !values['consumer-group'] || group === values['consumer-group'];
}

function replayHeaders(message, partition) {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).filter(([name]) => !name.startsWith(DLQ_PREFIX)),
  );
  return { ...headers, [`${DLQ_PREFIX}replayed-from`]: `${deadLetterTopic}/${partition}/${message.offset}` };
}

function describe(message, partition) {
  const header = (name) => text(message.headers?.[`${DLQ_PREFIX}${name}`]) ?? '-';
  return [
    `${deadLetterTopic}/${partition}/${message.offset}`,
    `event ${eventIdOf(message) ?? '(unreadable)'}`,
    `group ${header('consumer-group')}`,
    `${header('error-kind')}: ${header('error').slice(0, 160)}`,
  ].join('  ');
}

const kafka = new Kafka({ clientId: 'redmet-dlq-replay', brokers: values.brokers.split(','), logLevel: logLevel.WARN });
const admin = kafka.admin();
await admin.connect();
// The end is fixed at the start: letters parked while this runs wait for the next run.
const ends = new Map(
  (await admin.fetchTopicOffsets(deadLetterTopic))
    .filter((partition) => Number(partition.high) > Number(partition.low))
    .map((partition) => [partition.partition, Number(partition.high)]),
);

const groupId = `redmet-dlq-replay-${randomUUID()}`;
const consumer = kafka.consumer({ groupId });
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  // The partitioner the services publish with: a replayed event lands beside its aggregate's others.
  createPartitioner: Partitioners.DefaultPartitioner,
});
let replayed = 0;
let skipped = 0;

try {
  if (ends.size > 0) {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (!ends.has(partition) || Number(message.offset) >= ends.get(partition)) return;
            if (!selected(message)) {
              skipped += 1;
            } else {
              if (!values['dry-run']) {
                await producer.send({
                  topic,
                  acks: -1,
                  messages: [{ key: message.key, value: message.value, headers: replayHeaders(message, partition) }],
                });
              }
              replayed += 1;
              console.log(`${values['dry-run'] ? 'would replay' : 'replayed'}  ${describe(message, partition)}`);
            }
            if (Number(message.offset) + 1 >= ends.get(partition)) ends.delete(partition);
            if (ends.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  }
} finally {
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
}
console.log(`${values['dry-run'] ? 'would replay' : 'replayed'} ${replayed}, left ${skipped} (${deadLetterTopic})`);
