import { Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import type { PinoLogger } from 'nestjs-pino';
import { Counter, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ReportSubmitted, TOPICS } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import type { MessagingEnvironment } from '../messaging.environment';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { EventConsumer, on } from './event-consumer';

const TOPIC = TOPICS.reportingReport.name;

/** A consumer whose dead letters land in `letters`; it has no database, which these cases never reach. */
function consumerWith(letters: DeadLetter[]): EventConsumer {
  return new EventConsumer(
    { transaction: () => Promise.reject(new Error('no database in this test')) } as unknown as DataSource,
    { publish: async (letter: DeadLetter) => void letters.push(letter) } as unknown as DeadLetterPublisher,
    { CONSUMER_MAX_ATTEMPTS: 1, CONSUMER_RETRY_BACKOFF_MS: 1 } as MessagingEnvironment,
    { service: 'target-monitoring', consumerGroup: 'event-consumer-spec' },
    new Counter({ name: 'consumed', help: 'consumed', labelNames: ['topic', 'type', 'outcome'], registers: [] }),
    new Histogram({ name: 'handling', help: 'handling', labelNames: ['topic'], registers: [] }),
    { runInContext: (work: () => unknown) => work() } as unknown as PinoLogger,
  );
}

function contextOf(value: string): KafkaContext {
  const message = { key: null, value: Buffer.from(value), headers: {}, offset: '7' } as unknown as KafkaMessage;
  return new KafkaContext([message, 0, TOPIC, undefined as never, async () => undefined, undefined as never]);
}

describe('EventConsumer', () => {
  // The dead letter's error log line is expected here (each test file has its own Logger).
  beforeAll(() => Logger.overrideLogger(false));

  it('dead-letters a payload too deeply nested to check, rather than throwing and blocking its partition', async () => {
    const letters: DeadLetter[] = [];
    const consumer = consumerWith(letters);
    const event = sampleEvent(ReportSubmitted) as { payload: object };
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const value = JSON.stringify({ ...event, payload: { ...event.payload, submittedBy: '<deep>' } }).replace(
      '"<deep>"',
      deep,
    );

    await consumer.consume(contextOf(value), [on(ReportSubmitted, () => Promise.resolve())]);

    expect(letters).toEqual([expect.objectContaining({ topic: TOPIC, reason: 'invalid-payload' })]);
  });
});
