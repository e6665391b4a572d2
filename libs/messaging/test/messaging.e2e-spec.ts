import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type INestApplication, Logger } from '@nestjs/common';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Producer } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  deadLetterTopicName,
  DepositRegistered,
  DepositUpdated,
  EVENT_CATALOGUE,
  parseEnvelope,
  TOPICS,
} from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import {
  createTestDatabase,
  type ReadMessage,
  readTopic,
  testBrokers,
  type TestDatabase,
  testKafka,
  waitFor,
} from '@redmet/testing';
import {
  DeadLetterPublisher,
  DLQ_HEADERS,
  jsonbTextBytes,
  KafkaConnection,
  Outbox,
  outboxEvent,
  OutboxRelay,
} from '../src';
import { ALWAYS_FAILS, ECHO, ECHO_UPDATE, ECHOED, SLOW } from './support/probe.module';
import {
  depositRegistered,
  depositSnapshot,
  depositUpdated,
  effectsOf,
  startProbe,
  writeThroughOutbox,
} from './support/probe-app';

const TOPIC = TOPICS.registryDeposit.name;

describe('messaging: outbox, relay, idempotent consumer, dead letters', () => {
  let database: TestDatabase;
  let producer: Producer;
  const apps: INestApplication[] = [];

  const start = async (
    options: { relay?: boolean; consume?: boolean; group?: string; eventMaxBytes?: number } = {},
  ) => {
    const app = await startProbe({ databaseUrl: database.url, consumerGroup: options.group ?? group, ...options });
    apps.push(app);
    return app;
  };
  let group: string;
  // Every consumer of the topic (other test files' included) dead-letters what it cannot read, with its group.
  const ours = (letter: ReadMessage) => letter.headers[DLQ_HEADERS.consumerGroup] === group;

  beforeAll(async () => {
    database = await createTestDatabase('messaging');
    producer = testKafka().producer();
    await producer.connect();
  });

  beforeEach(() => {
    group = `messaging-test-${randomUUID()}`;
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await database.drop();
  });

  const publishedAt = async (eventId: string): Promise<Date | null> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT published_at FROM outbox_message WHERE event_id = $1', [eventId]);
      return rows[0].published_at;
    } finally {
      await client.end();
    }
  };

  it('publishes an outbox event to its topic keyed by aggregate id, with a valid envelope and headers', async () => {
    const app = await start({ consume: false });
    const [event] = await writeThroughOutbox(app, [depositSnapshot()]);

    const [message] = await readTopic(
      TOPIC,
      (m) => m.key === event.aggregateId,
      (found) => found.length === 1,
    );

    const parsed = parseEnvelope(JSON.parse(message.value ?? 'null'));
    expect(parsed.ok).toBe(true);
    expect(JSON.parse(message.value ?? '')).toMatchObject({
      eventId: event.eventId,
      type: 'DepositRegistered',
      source: 'deposit-registry',
    });
    expect(message.headers).toMatchObject({
      'x-event-id': event.eventId,
      'x-event-type': 'DepositRegistered',
      'x-correlation-id': event.correlationId,
    });
    const row = await app
      .get(DataSource)
      .query('SELECT published_at FROM outbox_message WHERE event_id = $1', [event.eventId]);
    expect(row[0].published_at).not.toBeNull();
  });

  it('records several events in one call in the order given, and none of them when one breaks its contract', async () => {
    const app = await start({ relay: false, consume: false });
    const [outbox, dataSource] = [app.get(Outbox), app.get(DataSource)];
    const deposit = depositSnapshot();
    const updated = { ...deposit, name: 'Kolmozerskoye North', version: 2 };
    const events = await dataSource.transaction((manager) =>
      outbox.addAll(manager, [
        outboxEvent(DepositRegistered, deposit.depositId, deposit),
        outboxEvent(DepositUpdated, deposit.depositId, updated),
      ]),
    );

    const rows = await dataSource.query(
      'SELECT event_id, event_type, envelope FROM outbox_message WHERE message_key = $1 ORDER BY id',
      [deposit.depositId],
    );
    expect(rows.map((row: { event_id: string }) => row.event_id)).toEqual(events.map((event) => event.eventId));
    expect(rows.map((row: { event_type: string }) => row.event_type)).toEqual(['DepositRegistered', 'DepositUpdated']);
    expect(rows[1].envelope.payload.name).toBe('Kolmozerskoye North');

    const other = depositSnapshot();
    const broken = { ...other, version: 2, metals: ['Unobtainium'] } as unknown as typeof other;
    await expect(
      dataSource.transaction((manager) =>
        outbox.addAll(manager, [
          outboxEvent(DepositRegistered, other.depositId, other),
          outboxEvent(DepositUpdated, other.depositId, broken),
        ]),
      ),
    ).rejects.toThrow('DepositUpdated does not match its contract');
    expect(await dataSource.query('SELECT 1 FROM outbox_message WHERE message_key = $1', [other.depositId])).toEqual(
      [],
    );
  });

  it('refuses a change whose event is larger than an event may be, when it is made, and writes none of its events', async () => {
    const app = await start({ consume: false, eventMaxBytes: 1024 });
    const dataSource = app.get(DataSource);
    const rowsOf = (...keys: string[]) =>
      dataSource.query('SELECT event_type FROM outbox_message WHERE message_key = ANY($1)', [keys]);
    const usual = depositSnapshot();
    // Cyrillic takes two bytes a letter: about 500 characters, over 1,024 bytes with the envelope and headers.
    const large = depositSnapshot({
      name: 'Колмозерское '.repeat(15).trim(),
      region: 'Мурманская область '.repeat(6).trim(),
    });

    await expect(writeThroughOutbox(app, [usual, large])).rejects.toMatchObject({
      code: 'EVENT.TOO_LARGE',
      status: 413,
      message: expect.stringMatching(/DepositRegistered event would take \d+ bytes, more than the 1024/),
    });
    expect(await rowsOf(usual.depositId, large.depositId)).toEqual([]);

    await writeThroughOutbox(app, [usual]);
    expect(await rowsOf(usual.depositId)).toEqual([{ event_type: 'DepositRegistered' }]);
  });

  it('measures an event as the relay sends it: the text PostgreSQL gives back for it stored as jsonb', async () => {
    const app = await start({ consume: false });
    const tricky = depositSnapshot({ name: 'a:b, "c" \\ d\n{x:[1,2]} Колмозерское' });
    const events = [...EVENT_CATALOGUE.map((definition) => sampleEvent(definition)), { payload: tricky }];
    for (const event of events) {
      const json = JSON.stringify(event);
      const [stored] = await app.get(DataSource).query('SELECT octet_length($1::jsonb::text) AS bytes', [json]);
      expect({ type: (event as { type?: string }).type, bytes: jsonbTextBytes(json) }).toEqual({
        type: (event as { type?: string }).type,
        bytes: stored.bytes,
      });
    }
  });

  it('sends a backlog of large events in batches the broker accepts, in order', async () => {
    const app = await start({ consume: false });
    const key = randomUUID();
    // Twelve events of 200 kB for one key, so one partition: more than the broker takes in one batch (1 MB).
    const padding = 'x'.repeat(200_000);
    await app.get(DataSource).query(
      `INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers)
       SELECT gen_random_uuid(), $1, $2, 'DepositUpdated', jsonb_build_object('sequence', n, 'padding', $3::text), '{}'
         FROM generate_series(1, 12) AS n`,
      [TOPIC, key, padding],
    );
    const messages = await readTopic(
      TOPIC,
      (message) => message.key === key,
      (found) => found.length === 12,
      60_000,
    );
    expect(messages.map((message) => JSON.parse(message.value ?? '{}').sequence)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('delivers an event committed while no relay ran, once the relay restarts, and the consumer applies it once', async () => {
    const crashed = await start({ relay: false, consume: false });
    const [event] = await writeThroughOutbox(crashed, [depositSnapshot()]);
    const pending = await crashed
      .get(DataSource)
      .query('SELECT published_at FROM outbox_message WHERE event_id = $1', [event.eventId]);
    expect(pending).toEqual([{ published_at: null }]);
    await crashed.close();
    apps.splice(apps.indexOf(crashed), 1);

    const restarted = await start();

    const effects = await waitFor(async () => {
      const rows = await effectsOf(restarted, event.aggregateId);
      return rows.length > 0 && rows;
    });
    expect(effects).toEqual([expect.objectContaining({ event_id: event.eventId, applied: 1 })]);
  });

  it('re-sends an event whose publication was not recorded (crash after Kafka acknowledged), and the consumer still applies it once', async () => {
    const app = await start();
    const [event] = await writeThroughOutbox(app, [depositSnapshot()]);
    await waitFor(async () => (await effectsOf(app, event.aggregateId)).length === 1);
    const relay = app.get(OutboxRelay);
    await relay.stop();
    // The state a crash between Kafka's acknowledgement and the UPDATE leaves behind.
    await app
      .get(DataSource)
      .query('UPDATE outbox_message SET published_at = NULL WHERE event_id = $1', [event.eventId]);
    relay.start();

    const copies = await readTopic(
      TOPIC,
      (m) => m.key === event.aggregateId,
      (found) => found.length === 2,
    );
    expect(copies.map((copy) => JSON.parse(copy.value ?? '').eventId)).toEqual([event.eventId, event.eventId]);
    await waitFor(async () => {
      const [row] = await app
        .get(DataSource)
        .query('SELECT published_at FROM outbox_message WHERE event_id = $1', [event.eventId]);
      return row.published_at !== null;
    });
    expect(await effectsOf(app, event.aggregateId)).toEqual([expect.objectContaining({ applied: 1 })]);
  });

  it('on shutdown, lets a slow batch in flight be sent and marked before the producer disconnects, so it is not sent again', async () => {
    const app = await start({ consume: false });
    const { producer: relayProducer } = app.get(KafkaConnection);
    const steps: string[] = [];
    const send = relayProducer.sendBatch.bind(relayProducer);
    let sending!: () => void;
    const entered = new Promise<void>((resolve) => (sending = resolve));
    jest.spyOn(relayProducer, 'sendBatch').mockImplementation(async (batch) => {
      sending();
      // Slower than the relay's stop used to wait: a broker electing a leader takes as long.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      const acknowledged = await send(batch);
      steps.push('sent');
      return acknowledged;
    });
    const disconnect = relayProducer.disconnect.bind(relayProducer);
    jest.spyOn(relayProducer, 'disconnect').mockImplementation(() => {
      steps.push('producer disconnecting');
      return disconnect();
    });
    const [event] = await writeThroughOutbox(app, [depositSnapshot()]);
    await entered;

    await app.close();
    apps.splice(apps.indexOf(app), 1);

    expect(steps).toEqual(['sent', 'producer disconnecting']);
    expect(await publishedAt(event.eventId)).not.toBeNull();
  }, 30_000);

  it('sends no batch once asked to stop, even one whose rows it was reading: they wait for the next relay', async () => {
    const app = await start({ consume: false });
    const relay = app.get(OutboxRelay);
    await waitFor(async () => relay.isLeader);
    const sendBatch = jest.spyOn(app.get(KafkaConnection).producer, 'sendBatch');
    const query = Client.prototype.query;
    let read!: () => void;
    const reading = new Promise<void>((resolve) => (read = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const queries = jest.spyOn(Client.prototype, 'query').mockImplementation(async function (
      this: Client,
      ...args: Parameters<Client['query']>
    ) {
      const result = await (query as (...a: unknown[]) => Promise<{ rows: unknown[] }>).apply(this, args);
      if (String(args[0]).includes('published_at IS NULL AND NOT') && result.rows.length > 0) {
        read();
        await released;
      }
      return result;
    } as Client['query']);
    try {
      const [event] = await writeThroughOutbox(app, [depositSnapshot()]);
      await reading;

      const stopping = relay.stop();
      release();
      await stopping;

      expect(sendBatch).not.toHaveBeenCalled();
      expect(await publishedAt(event.eventId)).toBeNull();
    } finally {
      queries.mockRestore();
    }
  });

  it('applies an event delivered twice only once', async () => {
    const app = await start({ relay: false });
    const event = depositRegistered();
    const message = { key: event.aggregateId, value: JSON.stringify(event) };
    await producer.send({ topic: TOPIC, messages: [message] });
    await producer.send({ topic: TOPIC, messages: [message] });
    const marker = depositRegistered();
    await producer.send({ topic: TOPIC, messages: [{ key: event.aggregateId, value: JSON.stringify(marker) }] });

    // The marker follows both copies on the same partition: once it is applied, both copies were seen.
    await waitFor(
      async () =>
        (await app.get(DataSource).query('SELECT 1 FROM probe_effect WHERE event_id = $1', [marker.eventId])).length ===
        1,
    );
    expect(await effectsOf(app, event.aggregateId)).toEqual([
      expect.objectContaining({ event_id: event.eventId, applied: 1 }),
    ]);
    const inbox = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM processed_event WHERE event_id = $1', [event.eventId]);
    expect(inbox[0].n).toBe(1);
  });

  it('dead-letters a malformed message, an invalid event and an event whose handler always fails, and goes on with the partition', async () => {
    const app = await start({ relay: false });
    const key = randomUUID();
    const invalid = depositRegistered({ depositId: key });
    (invalid.payload as { metals: unknown }).metals = ['Unobtainium'];
    const failing = depositRegistered({ depositId: key, name: ALWAYS_FAILS });
    const good = depositRegistered({ depositId: key });
    await producer.send({
      topic: TOPIC,
      messages: [
        { key, value: '{"this is": not json' },
        { key, value: JSON.stringify(invalid) },
        { key, value: JSON.stringify(failing) },
        { key, value: JSON.stringify(good) },
      ],
    });

    await waitFor(async () => (await effectsOf(app, key)).length === 1, {
      description: 'the good event after the bad ones',
    });
    // Dead-lettering is at least once: a rebalance between the letter's write and the offset commit
    // writes the same letter again. A letter is one original message: (partition, offset).
    const original = (letter: { headers: Record<string, string> }) =>
      `${letter.headers[DLQ_HEADERS.originalPartition]}:${letter.headers[DLQ_HEADERS.originalOffset]}`;
    const received = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.key === key,
      (found) => new Set(found.map(original)).size === 3,
    );
    const letters = received.filter(
      (letter, index) => received.findIndex((other) => original(other) === original(letter)) === index,
    );
    expect(letters.map((letter) => letter.headers[DLQ_HEADERS.errorKind])).toEqual([
      'malformed-json',
      'invalid-payload',
      'handler-failed',
    ]);
    for (const letter of letters) {
      expect(letter.headers[DLQ_HEADERS.originalTopic]).toBe(TOPIC);
      expect(letter.headers[DLQ_HEADERS.consumerGroup]).toBe(group);
      expect(Number(letter.headers[DLQ_HEADERS.originalOffset])).toBeGreaterThanOrEqual(0);
      expect(letter.headers[DLQ_HEADERS.originalPartition]).toMatch(/^\d+$/);
    }
    expect(letters[0].value).toBe('{"this is": not json');
    expect(letters[1].headers[DLQ_HEADERS.error]).toContain('payload.metals');
    expect(letters[2].headers[DLQ_HEADERS.error]).toContain('this handler always fails');
    expect(letters[2].headers[DLQ_HEADERS.attempts]).toBe('3');
    expect(await effectsOf(app, key)).toEqual([expect.objectContaining({ event_id: good.eventId, applied: 1 })]);
  });

  it('dead-letters a message whose key looks like JSON, key as it came, and goes on with the partition', async () => {
    const app = await start({ relay: false });
    // Nest's parser reads such a key as an object, which kafkajs refused to send: the partition stopped.
    const key = `{"not":"an aggregate id","id":"${randomUUID()}"}`;
    const value = `not json ${randomUUID()}`;
    const good = depositRegistered();
    await producer.send({
      topic: TOPIC,
      messages: [
        { key, value },
        { key, value: JSON.stringify(good) },
      ],
    });

    const [letter] = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.value === value,
      (found) => found.length > 0,
    );
    expect(letter.key).toBe(key);
    await waitFor(async () => (await effectsOf(app, good.aggregateId)).length === 1, {
      description: 'the event behind it',
    });
  });

  it('dead-letters a message with its key, value and headers byte for byte, binary and JSON-looking ones included', async () => {
    await start({ relay: false });
    // Nest's parser reads keys and headers as UTF-8 text, or as JSON when they look like it.
    const key = Buffer.from([0xff, 0xfe, 0x7b, 0x00]);
    const value = Buffer.concat([Buffer.from(`{"not json ${randomUUID()}": `), Buffer.from([0xc3, 0x28, 0x80])]);
    const headers = {
      'x-binary': Buffer.from([0x80, 0xff, 0x00, 0xfe]),
      'x-json': Buffer.from('{ "b": 1.0, "a": [1,  2] }'),
      'x-repeated': [Buffer.from('[1]'), Buffer.from([0xff])],
    };
    await producer.send({ topic: TOPIC, messages: [{ key, value, headers }] });

    const [letter] = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.raw.value?.equals(value) === true,
      (found) => found.length > 0,
    );
    const hex = (bytes: unknown): unknown =>
      Array.isArray(bytes) ? bytes.map(hex) : Buffer.isBuffer(bytes) ? bytes.toString('hex') : bytes;
    const hexOf = (parts: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, hex(bytes)]));
    const { raw } = letter;
    expect(hexOf({ key: raw.key, value: raw.value, ...raw.headers })).toEqual(
      expect.objectContaining(hexOf({ key, value, ...headers })),
    );
    expect(letter.headers[DLQ_HEADERS.errorKind]).toBe('malformed-json');
  });

  it('dead-letters a message near the broker limit, whose letter with its headers is larger than the limit', async () => {
    const app = await start({ relay: false });
    const key = randomUUID();
    const marker = `not json ${randomUUID()} `;
    // The broker takes 1,048,588 bytes a batch by default: this message fits, its letter (headers added) did not.
    const value = marker.padEnd(1_048_400, 'x');
    const good = depositRegistered();
    await producer.send({ topic: TOPIC, messages: [{ key, value }] });
    await producer.send({ topic: TOPIC, messages: [{ key, value: JSON.stringify(good) }] });

    const [letter] = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.key === key,
      (found) => found.length > 0,
    );
    expect(letter.value).toBe(value);
    await waitFor(async () => (await effectsOf(app, good.aggregateId)).length === 1, {
      description: 'the event behind it',
    });
  });

  it('dead-letters a message with null header values, and goes on with the partition', async () => {
    const app = await start({ relay: false });
    const key = randomUUID();
    const value = `not json ${randomUUID()}`;
    await sendWithNullHeaders(TOPIC, key, value, { 'x-null': null, 'x-repeated': ['a', null], 'x-ok': 'yes' });
    const good = depositRegistered({ depositId: key });
    await producer.send({ topic: TOPIC, messages: [{ key, value: JSON.stringify(good) }] });

    await waitFor(async () => (await effectsOf(app, key)).length === 1, { description: 'the event behind it' });
    const [letter] = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.value === value,
      (found) => found.length > 0,
    );
    expect(letter.key).toBe(key);
    expect(letter.raw.headers).toMatchObject({
      'x-null': Buffer.alloc(0),
      'x-repeated': [Buffer.from('a'), Buffer.alloc(0)],
      'x-ok': Buffer.from('yes'),
    });
    expect(JSON.parse(letter.headers[DLQ_HEADERS.nullHeaders])).toEqual(['x-null', 'x-repeated']);
    expect(letter.headers[DLQ_HEADERS.errorKind]).toBe('malformed-json');
  });

  it('commits events of different partitions that arrive together in one group, each once, duplicates included', async () => {
    const app = await start({ relay: false });
    const events = Array.from({ length: 120 }, () => depositUpdated());
    const messages = events.map((event) => ({ key: event.aggregateId, value: JSON.stringify(event) }));
    // Every event twice, the copy right behind the original on its partition.
    await producer.send({ topic: TOPIC, messages: messages.flatMap((message) => [message, message]) });

    const dataSource = app.get(DataSource);
    const ids = events.map((event) => event.eventId);
    const effects = () =>
      dataSource.query('SELECT event_id, applied, group_size FROM probe_effect WHERE event_id = ANY($1::uuid[])', [
        ids,
      ]) as Promise<{ event_id: string; applied: number; group_size: number }[]>;
    await waitFor(async () => (await effects()).length === events.length, { description: 'every event applied' });
    const applied = await effects();
    expect(applied.filter((effect) => effect.applied !== 1)).toEqual([]);
    // 120 events on 6 partitions fetched at once: without group commit every group would be of one.
    expect(Math.max(...applied.map((effect) => effect.group_size))).toBeGreaterThan(1);
    const inbox = await dataSource.query(
      'SELECT count(*)::int AS n FROM processed_event WHERE event_id = ANY($1::uuid[])',
      [ids],
    );
    expect(inbox[0].n).toBe(events.length);
  });

  it('dead-letters the poison event of a group and applies the rest of the group once', async () => {
    const app = await start({ relay: false });
    const poison = depositUpdated({ name: ALWAYS_FAILS });
    const good = Array.from({ length: 30 }, () => depositUpdated());
    await producer.send({
      topic: TOPIC,
      messages: [poison, ...good].map((event) => ({ key: event.aggregateId, value: JSON.stringify(event) })),
    });

    const letters = await readTopic(
      deadLetterTopicName(TOPIC),
      (m) => ours(m) && m.key === poison.aggregateId,
      (found) => found.length > 0,
    );
    expect(letters[0].headers[DLQ_HEADERS.errorKind]).toBe('handler-failed');
    expect(letters[0].headers[DLQ_HEADERS.error]).toContain('this handler always fails');
    await waitFor(
      async () =>
        (
          await app
            .get(DataSource)
            .query('SELECT count(*)::int AS n FROM probe_effect WHERE event_id = ANY($1::uuid[]) AND applied = 1', [
              good.map((event) => event.eventId),
            ])
        )[0].n === good.length,
      { description: 'the rest of the group' },
    );
    expect(await effectsOf(app, poison.aggregateId)).toEqual([]);
    const inbox = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM processed_event WHERE event_id = $1', [poison.eventId]);
    expect(inbox[0].n).toBe(0);
  });

  it('applies an event whose id comes in upper case once, in a group, and drops its copy in lower case', async () => {
    const app = await start({ relay: false });
    const event = depositUpdated();
    const shouted = { ...event, eventId: event.eventId.toUpperCase() };
    const marker = depositUpdated({ depositId: event.aggregateId, version: 3 });
    await producer.send({
      topic: TOPIC,
      messages: [shouted, event, marker].map((sent) => ({ key: event.aggregateId, value: JSON.stringify(sent) })),
    });

    // The marker follows both copies on the same partition: once it is applied, both copies were seen.
    await waitFor(async () => (await effectsOf(app, event.aggregateId)).some((e) => e.event_id === marker.eventId), {
      description: 'the event behind both copies',
    });
    expect(await effectsOf(app, event.aggregateId)).toEqual([
      expect.objectContaining({ event_id: event.eventId, applied: 1 }),
      expect.objectContaining({ event_id: marker.eventId, applied: 1 }),
    ]);
  });

  it('waits out a read-only database, then applies the events sent meanwhile and dead-letters none', async () => {
    const app = await start({ relay: false });
    const deadLetters = jest.spyOn(app.get(DeadLetterPublisher), 'publish');
    const errors = jest.spyOn(Logger.prototype, 'error');
    const maintenance = new URL(database.url);
    maintenance.pathname = '/postgres';
    const admin = new Client({ connectionString: maintenance.toString() });
    await admin.connect();
    // New sessions take the database's setting: the consumer's are ended so that it reconnects under it.
    const setReadOnly = async (readOnly: boolean) => {
      await admin.query(`ALTER DATABASE ${database.name} SET default_transaction_read_only = ${readOnly}`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database.name]);
    };
    // Both paths: registrations one at a time, updates in groups.
    const events = [depositRegistered(), depositRegistered(), depositUpdated(), depositUpdated()];
    try {
      await setReadOnly(true);
      await producer.send({
        topic: TOPIC,
        messages: events.map((event) => ({ key: event.aggregateId, value: JSON.stringify(event) })),
      });
      // Writable again only once an event has used up its tries, when it would have been dead-lettered.
      await waitFor(
        async () =>
          deadLetters.mock.calls.length > 0 ||
          errors.mock.calls.some(([, message]) => String(message).startsWith('infrastructure unavailable')),
        { description: 'an event out of tries' },
      );
    } finally {
      await setReadOnly(false);
      await admin.end();
      errors.mockRestore();
    }

    const ids = events.map((event) => event.eventId);
    await waitFor(
      async () =>
        (await app.get(DataSource).query('SELECT 1 FROM probe_effect WHERE event_id = ANY($1::uuid[])', [ids]))
          .length === events.length,
      { timeoutMs: 60_000, description: 'every event sent while read-only applied' },
    );
    expect(deadLetters).not.toHaveBeenCalled();
  }, 90_000);

  it('gives the events a group causes the origin of that group, not of the group committing when it arrived', async () => {
    await start();
    const slow = depositUpdated({ name: SLOW });
    const quick = depositRegistered();
    const echo = depositUpdated({ name: ECHO_UPDATE });
    // The slow update's group holds partition 0 for a second; meanwhile partition 1 applies the
    // registration (one event at a time) and then the echo, which waits for the next group.
    await producer.send({
      topic: TOPIC,
      messages: [
        { key: slow.aggregateId, value: JSON.stringify(slow), partition: 0 },
        { key: quick.aggregateId, value: JSON.stringify(quick), partition: 1 },
        { key: echo.aggregateId, value: JSON.stringify(echo), partition: 1 },
      ],
    });

    const [caused] = await readTopic(
      TOPIC,
      (m) => m.key === echo.aggregateId && JSON.parse(m.value ?? '{}').payload?.name === ECHOED,
      (found) => found.length === 1,
    );
    expect(JSON.parse(caused.value ?? '')).toMatchObject({
      correlationId: echo.correlationId,
      causationId: echo.eventId,
    });
  });

  it('carries the correlation id into the events a consumer causes, with the consumed event as their cause', async () => {
    const app = await start();
    const cause = depositRegistered({ name: ECHO });
    await producer.send({ topic: TOPIC, messages: [{ key: cause.aggregateId, value: JSON.stringify(cause) }] });

    const [caused] = await readTopic(
      TOPIC,
      (m) => m.key === cause.aggregateId && m.headers['x-event-type'] === DepositUpdated.type,
      (found) => found.length === 1,
    );
    const envelope = JSON.parse(caused.value ?? '');
    expect(envelope).toMatchObject({ correlationId: cause.correlationId, causationId: cause.eventId });
    expect(caused.headers).toMatchObject({ 'x-correlation-id': cause.correlationId, 'x-causation-id': cause.eventId });
    const [effect] = await effectsOf(app, cause.aggregateId);
    expect(effect.correlation_id).toBe(cause.correlationId);
  });

  it('lets only one of two relays publish, keeps each aggregate in order, and fails over when the leader stops', async () => {
    const first = await start({ consume: false });
    await waitFor(async () => first.get(OutboxRelay).isLeader);
    const second = await start({ consume: false });
    expect(second.get(OutboxRelay).isLeader).toBe(false);

    const deposits: string[] = Array.from({ length: 5 }, () => randomUUID());
    const versions = Array.from({ length: 20 }, (_, i) => i + 1);
    const write = (app: INestApplication, round: number[]) =>
      Promise.all(
        deposits.map(async (depositId) => {
          for (const version of round) await writeThroughOutbox(app, [depositSnapshot({ depositId, version })]);
        }),
      );
    await write(first, versions.slice(0, 10));
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    await write(second, versions.slice(10));
    await waitFor(async () => second.get(OutboxRelay).isLeader, { description: 'the standby relay to take over' });

    const ids = new Set(deposits);
    const distinct = (found: { value: string | null }[]) => new Set(found.map((m) => m.value)).size;
    const messages = await readTopic(
      TOPIC,
      (m) => ids.has(m.key ?? ''),
      (found) => distinct(found) === deposits.length * versions.length,
    );
    for (const depositId of deposits) {
      const seen = messages
        .filter((m) => m.key === depositId)
        .map((m) => JSON.parse(m.value ?? '').payload.version as number);
      // A re-send after a crash may repeat a version; the first sightings must still be in order.
      expect(seen.filter((version, index) => seen.indexOf(version) === index)).toEqual(versions);
    }
  });

  it('reconnects when the session that marks rows published is lost, rather than sending the same rows for ever', async () => {
    const app = await start({ consume: false });
    const dataSource = app.get(DataSource);
    const published = (eventId: string) => async () =>
      (
        await dataSource.query('SELECT 1 FROM outbox_message WHERE event_id = $1 AND published_at IS NOT NULL', [
          eventId,
        ])
      ).length === 1;
    const [first] = await writeThroughOutbox(app, [depositSnapshot()]);
    await waitFor(published(first.eventId));
    // The marking session ends (idle_session_timeout, a network blip, an administrator) while the other stays.
    const ended = await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'UPDATE outbox_message SET published_at%'`,
    );
    expect(ended).toHaveLength(1);

    const [event] = await writeThroughOutbox(app, [depositSnapshot()]);
    await waitFor(published(event.eventId), { timeoutMs: 10_000, description: 'the event marked published' });
    const copies = await readTopic(
      TOPIC,
      (m) => m.key === event.aggregateId,
      (found) => found.length > 0,
    );
    // Once when marking failed, once more after reconnecting.
    expect(copies.length).toBeLessThanOrEqual(2);
  });

  it('waits longer after each failure to send a batch the broker keeps refusing, and publishes once it is accepted', async () => {
    const app = await start({ consume: false });
    const { producer: relayProducer } = app.get(KafkaConnection);
    const send = relayProducer.sendBatch.bind(relayProducer);
    const attempts: number[] = [];
    let refusing = true;
    jest.spyOn(relayProducer, 'sendBatch').mockImplementation(async (batch) => {
      if (!refusing) return send(batch);
      attempts.push(Date.now());
      // What kafkajs gives up with at once, e.g. a message over the broker's limit.
      throw new Error('The request included a message larger than the max message size the server will accept');
    });
    const [event] = await writeThroughOutbox(app, [depositSnapshot()]);

    await waitFor(async () => attempts.length >= 4, { timeoutMs: 15_000, description: 'four refused sends' });
    const pauses = attempts.slice(1).map((at, index) => at - attempts[index]);
    // 400, 800, 1,600 ms: each pause about twice the one before, not a fixed retry every few hundred ms.
    for (const [index, pause] of pauses.slice(1).entries()) expect(pause).toBeGreaterThan(pauses[index] * 1.5);

    refusing = false;
    await waitFor(async () => (await publishedAt(event.eventId)) !== null, {
      timeoutMs: 10_000,
      description: 'the event published once the broker accepts it',
    });
  }, 30_000);

  it('keeps a standby relay asking for the lock once per poll interval after its session is lost', async () => {
    const leader = await start({ consume: false });
    await waitFor(async () => leader.get(OutboxRelay).isLeader);
    const standby = await start({ consume: false });
    const dataSource = standby.get(DataSource);
    const ended = await waitFor(async () => {
      const rows = await dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'SELECT pg_try_advisory_lock%'
            AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')`,
      );
      return rows.length === 1 && rows;
    });
    expect(ended).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const queries = jest.spyOn(Client.prototype, 'query');
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const lockRequests = queries.mock.calls.filter(([sql]) => String(sql).includes('pg_try_advisory_lock'));
      // Every 200 ms: about 5 a second, not a busy loop.
      expect(lockRequests.length).toBeLessThanOrEqual(10);
    } finally {
      queries.mockRestore();
    }
    expect(standby.get(OutboxRelay).isLeader).toBe(false);
  });

  it("asks PostgreSQL to end a relay's session soon after its host vanishes, so that a standby takes the lock", async () => {
    const queries = jest.spyOn(Client.prototype, 'query');
    let sessions: Client[];
    try {
      const app = await start({ consume: false });
      const [event] = await writeThroughOutbox(app, [depositSnapshot()]);
      await waitFor(async () => (await publishedAt(event.eventId)) !== null);
      // The session holding the lock, and the one marking rows published.
      sessions = queries.mock.contexts.filter((_, i) =>
        /pg_try_advisory_lock|UPDATE outbox_message SET published_at/.test(String(queries.mock.calls[i][0])),
      ) as Client[];
    } finally {
      queries.mockRestore();
    }

    const distinct = [...new Set(sessions)];
    expect(distinct).toHaveLength(2);
    for (const session of distinct) {
      const { rows } = await session.query(
        `SELECT name, setting FROM pg_settings WHERE name IN
           ('tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout') ORDER BY name`,
      );
      expect(rows).toEqual([
        { name: 'tcp_keepalives_count', setting: '3' },
        { name: 'tcp_keepalives_idle', setting: '10' },
        { name: 'tcp_keepalives_interval', setting: '5' },
        { name: 'tcp_user_timeout', setting: '20000' },
      ]);
    }
  });

  it('stops waiting for a lost session to say goodbye, and leads again on a new one', async () => {
    const queries = jest.spyOn(Client.prototype, 'query');
    const app = await start({ consume: false });
    const relay = app.get(OutboxRelay);
    await waitFor(async () => relay.isLeader);
    const relaySessions = new Set(
      queries.mock.contexts.filter((_, i) => String(queries.mock.calls[i][0]).includes('pg_try_advisory_lock')),
    );
    queries.mockRestore();
    const lockHolder = async () =>
      (
        await app
          .get(DataSource)
          .query(
            `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
      )[0]?.pid as number | undefined;
    const before = await lockHolder();
    // A server that never answers the goodbye, as one whose host has vanished.
    const end = Client.prototype.end;
    const ends = jest.spyOn(Client.prototype, 'end').mockImplementation(function (this: Client, ...args: unknown[]) {
      if (relaySessions.has(this)) return new Promise<void>(() => undefined);
      return (end as (...a: unknown[]) => Promise<void>).apply(this, args);
    } as Client['end']);
    try {
      await app.get(DataSource).query('SELECT pg_terminate_backend($1)', [before]);

      await waitFor(async () => ![undefined, before].includes(await lockHolder()) && relay.isLeader, {
        description: 'the relay leading on a new session',
      });
    } finally {
      ends.mockRestore();
    }
  });

  it('starts its pause afresh after a database blip once it has polled again, as a leader with nothing to send and as a standby', async () => {
    const leader = await start({ consume: false });
    await waitFor(async () => leader.get(OutboxRelay).isLeader);
    const dataSource = leader.get(DataSource);
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const pauses = () =>
      warnings.mock.calls
        .filter(([, message]) => message === 'outbox relay interrupted; retrying')
        .map(([fields]) => (fields as { retryInMs: number }).retryInMs);
    /** Ends the session `sql` finds four times, each time once the relay has used its new one. */
    const blips = async (sql: string) => {
      let ended: number | undefined;
      for (let blip = 0; blip < 4; blip += 1) {
        const { pid } = await waitFor(async () => {
          const rows: { pid: number }[] = await dataSource.query(sql);
          return rows.length === 1 && rows[0].pid !== ended && rows[0];
        });
        await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
        ended = pid;
      }
      await waitFor(async () => pauses().length === 4, { description: 'four interruptions' });
    };
    const holders = `SELECT pid FROM pg_locks WHERE locktype = 'advisory'`;
    try {
      // The leader's session between two polls that found nothing.
      await blips(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle'
                    AND query LIKE '%published_at IS NULL AND NOT%' AND pid IN (${holders})`);
      expect(pauses()).toEqual([400, 400, 400, 400]);

      warnings.mockClear();
      await start({ consume: false });
      // The standby's session between two lock attempts.
      await blips(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle'
                    AND query LIKE 'SELECT pg_try_advisory_lock%' AND pid NOT IN (${holders})`);
      expect(pauses()).toEqual([400, 400, 400, 400]);
    } finally {
      warnings.mockRestore();
    }
  });

  it('deletes published rows past retention in chunks, between batches as well, and keeps the rest', async () => {
    const app = await start({ relay: false, consume: false });
    const dataSource = app.get(DataSource);
    const [old] = await dataSource.query(
      `WITH inserted AS (
         INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers, created_at, published_at)
         SELECT gen_random_uuid(), $1, 'old', 'DepositRegistered', '{}', '{}', now() - interval '30 days', now() - interval '30 days'
           FROM generate_series(1, 25000)
         RETURNING id)
       SELECT min(id) AS first, max(id) AS last FROM inserted`,
      [TOPIC],
    );
    const [recent] = await dataSource.query(
      `INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers, published_at)
       VALUES (gen_random_uuid(), $1, 'recent', 'DepositRegistered', '{}', '{}', now() - interval '1 day') RETURNING id`,
      [TOPIC],
    );
    const pending = await writeThroughOutbox(app, [depositSnapshot(), depositSnapshot()]);
    const deletions: number[] = [];
    let deleted!: () => void;
    const firstDeletion = new Promise<void>((resolve) => (deleted = resolve));
    const query = Client.prototype.query;
    const queries = jest.spyOn(Client.prototype, 'query').mockImplementation(async function (
      this: Client,
      ...args: Parameters<Client['query']>
    ) {
      const result = await (query as (...a: unknown[]) => Promise<{ rowCount: number }>).apply(this, args);
      if (String(args[0]).startsWith('DELETE FROM outbox_message')) {
        deletions.push(result.rowCount);
        deleted();
      }
      return result;
    } as Client['query']);
    // Sending waits for a deletion: a relay that cleans up only when it has nothing to send never would.
    const { producer: relayProducer } = app.get(KafkaConnection);
    const send = relayProducer.sendBatch.bind(relayProducer);
    jest.spyOn(relayProducer, 'sendBatch').mockImplementation(async (batch) => {
      await firstDeletion;
      return send(batch);
    });
    try {
      app.get(OutboxRelay).start();
      await waitFor(async () => {
        const [{ left }] = await dataSource.query(
          'SELECT count(*)::int AS left FROM outbox_message WHERE id BETWEEN $1 AND $2',
          [old.first, old.last],
        );
        return left === 0;
      });
      await waitFor(async () => (await publishedAt(pending[1].eventId)) !== null);
    } finally {
      queries.mockRestore();
    }

    expect(deletions.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...deletions)).toBeLessThanOrEqual(10_000);
    const kept = await dataSource.query(
      'SELECT count(*)::int AS n FROM outbox_message WHERE id = $1 OR event_id = ANY($2)',
      [recent.id, pending.map((event) => event.eventId)],
    );
    expect(kept).toEqual([{ n: 3 }]);
  });
});

/**
 * Sends a message with null header values, which Kafka carries (Java clients write them) but kafkajs
 * cannot send: it measures every value with Buffer.byteLength first. A process of its own, with that
 * mended, writes it.
 */
async function sendWithNullHeaders(
  topic: string,
  key: string,
  value: string,
  headers: Record<string, string | null | (string | null)[]>,
): Promise<void> {
  const script = `
    const byteLength = Buffer.byteLength;
    Buffer.byteLength = (value, ...rest) => (value === null ? 0 : byteLength(value, ...rest));
    const { Kafka, logLevel } = require('kafkajs');
    const [brokers, message] = process.argv.slice(1);
    const producer = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    producer
      .connect()
      .then(() => producer.send({ topic: ${JSON.stringify(topic)}, messages: [JSON.parse(message)] }))
      .then(() => producer.disconnect())
      .catch((error) => { console.error(error); process.exit(1); });`;
  await promisify(execFile)(
    process.execPath,
    ['-e', script, testBrokers().join(','), JSON.stringify({ key, value, headers })],
    { cwd: resolve(__dirname, '../../..') },
  );
}

describe('messaging: one trace from the command to every event it causes', () => {
  const spans = new InMemorySpanExporter();
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    database = await createTestDatabase('messaging_trace');
    app = await startProbe({ databaseUrl: database.url, consumerGroup: `messaging-trace-${randomUUID()}` });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('carries the trace context through the outbox, Kafka and the consumer into the events it causes', async () => {
    const request = trace.getTracer('test');
    const traceId = await request.startActiveSpan('POST /deposits', async (span) => {
      await writeThroughOutbox(app, [depositSnapshot({ name: ECHO })]);
      span.end();
      return span.spanContext().traceId;
    });

    const consumerSpans = await waitFor(async () => {
      const found = spans.getFinishedSpans().filter((span) => span.name === `${TOPIC} process`);
      return found.length >= 2 && found;
    });
    expect(new Set(consumerSpans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    const [first, second] = consumerSpans;
    expect(second.parentSpanContext?.spanId).toBe(first.spanContext().spanId);
  });
});
