import { Logger } from '@nestjs/common';
import { type IHeaders, KafkaJSConnectionError, type KafkaMessage, type ProducerRecord } from 'kafkajs';
import { Counter } from 'prom-client';
import type { KafkaConnection } from '../kafka/kafka.connection';
import { type DeadLetter, DeadLetterPublisher, DLQ_HEADERS } from './dead-letter.publisher';

/** A publisher over a producer that answers each send with the next of `outcomes` (an error to throw, or success). */
function publisherWith(outcomes: (Error | undefined)[]) {
  const sent: ProducerRecord[] = [];
  const producer = {
    send: async (record: ProducerRecord) => {
      sent.push(record);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
      return [];
    },
  };
  const deadLettered = new Counter({
    name: 'dead_lettered',
    help: 'dl',
    labelNames: ['topic', 'reason'],
    registers: [],
  });
  const publisher = new DeadLetterPublisher({ producer } as unknown as KafkaConnection, deadLettered);
  return { publisher, sent, deadLettered };
}

function letterWith(headers: Record<string, unknown>): DeadLetter {
  const message = {
    key: Buffer.from('key'),
    value: Buffer.from('not json'),
    headers: headers as IHeaders,
    offset: '42',
  } as unknown as KafkaMessage;
  return {
    topic: 'registry.deposit.v1',
    partition: 3,
    message,
    consumerGroup: 'dead-letter-spec',
    reason: 'malformed-json',
    error: 'message value is not JSON',
    attempts: 0,
  };
}

const headersOf = (record: ProducerRecord) => record.messages[0].headers ?? {};

describe('DeadLetterPublisher', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('sends null header values, alone or among repeated ones, as empty values and names them', async () => {
    const { publisher, sent } = publisherWith([]);

    await publisher.publish(letterWith({ 'x-null': null, 'x-repeated': [Buffer.from('a'), null], 'x-ok': 'yes' }));

    expect(sent).toHaveLength(1);
    const headers = headersOf(sent[0]);
    expect(headers['x-null']).toEqual(Buffer.alloc(0));
    expect(headers['x-repeated']).toEqual([Buffer.from('a'), Buffer.alloc(0)]);
    expect(headers['x-ok']).toBe('yes');
    expect(JSON.parse(String(headers[DLQ_HEADERS.nullHeaders]))).toEqual(['x-null', 'x-repeated']);
    expect(headers[DLQ_HEADERS.originalOffset]).toBe('42');
  });

  it('adds no null-headers header when every value is there', async () => {
    const { publisher, sent } = publisherWith([]);

    await publisher.publish(letterWith({ 'x-ok': 'yes' }));

    expect(headersOf(sent[0])).not.toHaveProperty(DLQ_HEADERS.nullHeaders);
  });

  it('sends the key and value with only its own headers when the letter with the original ones is refused', async () => {
    const refused = new TypeError('The "string" argument must be of type string or an instance of Buffer');
    const { publisher, sent, deadLettered } = publisherWith([refused]);

    await publisher.publish(letterWith({ 'x-odd': 'yes' }));

    expect(sent).toHaveLength(2);
    const [, minimal] = sent;
    expect(minimal.messages[0]).toMatchObject({ key: Buffer.from('key'), value: Buffer.from('not json') });
    const names = Object.keys(headersOf(minimal));
    expect(names.filter((name) => !name.startsWith('x-dlq-'))).toEqual([]);
    expect(headersOf(minimal)[DLQ_HEADERS.headersDropped]).toContain('must be of type string');
    expect(headersOf(minimal)[DLQ_HEADERS.errorKind]).toBe('malformed-json');
    expect((await deadLettered.get()).values).toEqual([
      expect.objectContaining({ value: 1, labels: { topic: 'registry.deposit.v1', reason: 'malformed-json' } }),
    ]);
  });

  it('throws, leaving the offset uncommitted, when Kafka fails in a way that may pass', async () => {
    const { publisher, sent } = publisherWith([new KafkaJSConnectionError('Connection error: ECONNREFUSED')]);

    await expect(publisher.publish(letterWith({}))).rejects.toThrow('ECONNREFUSED');
    expect(sent).toHaveLength(1);
  });

  it('throws when the letter without the original headers is refused too', async () => {
    const { publisher, sent } = publisherWith([new TypeError('first'), new TypeError('second')]);

    await expect(publisher.publish(letterWith({}))).rejects.toThrow('second');
    expect(sent).toHaveLength(2);
  });
});
