import { Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import type { PinoLogger } from 'nestjs-pino';
import { Counter, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ReportSubmitted, TOPICS } from '@redmet/contracts';
import { sampleEvent } from '@redmet/contracts/testing';
import type { ConsumerEnvironment } from '../consumer.environment';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { EventConsumer, on } from './event-consumer';

const TOPIC = TOPICS.reportingReport.name;

/** A consumer whose dead letters land in `letters`; its database fails every transaction. */
function consumerWith(
  letters: DeadLetter[],
  settings: Partial<ConsumerEnvironment> = {},
  transaction = () => Promise.reject(new Error('no database in this test')),
): EventConsumer {
  return new EventConsumer(
    { transaction } as unknown as DataSource,
    { publish: async (letter: DeadLetter) => void letters.push(letter) } as unknown as DeadLetterPublisher,
    {
      CONSUMER_MAX_ATTEMPTS: 1,
      CONSUMER_RETRY_BACKOFF_MS: 1,
      KAFKA_SESSION_TIMEOUT_MS: 6000,
      ...settings,
    } as ConsumerEnvironment,
    { service: 'target-monitoring', consumerGroup: 'event-consumer-spec' },
    new Counter({ name: 'consumed', help: 'consumed', labelNames: ['topic', 'type', 'outcome'], registers: [] }),
    new Histogram({ name: 'handling', help: 'handling', labelNames: ['topic'], registers: [] }),
    { runInContext: (work: () => unknown) => work() } as unknown as PinoLogger,
  );
}

function contextOf(value: string, heartbeat = async () => undefined): KafkaContext {
  const message = { key: null, value: Buffer.from(value), headers: {}, offset: '7' } as unknown as KafkaMessage;
  return new KafkaContext([message, 0, TOPIC, undefined as never, heartbeat, undefined as never]);
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

  it('keeps heartbeating while it waits to retry, however much longer than the session timeout the wait is', async () => {
    jest.useFakeTimers();
    try {
      const letters: DeadLetter[] = [];
      // The instants of the two attempts and of every heartbeat, on the fake clock.
      const moments: number[] = [];
      const consumer = consumerWith(
        letters,
        { CONSUMER_MAX_ATTEMPTS: 2, CONSUMER_RETRY_BACKOFF_MS: 20_000, KAFKA_SESSION_TIMEOUT_MS: 6000 },
        () => {
          moments.push(Date.now());
          return Promise.reject(new Error('the handler fails'));
        },
      );
      const heartbeat = async () => void moments.push(Date.now());

      const consuming = consumer.consume(contextOf(JSON.stringify(sampleEvent(ReportSubmitted)), heartbeat), [
        on(ReportSubmitted, () => Promise.resolve()),
      ]);
      await jest.advanceTimersByTimeAsync(30_000);
      await consuming;

      expect(letters).toEqual([expect.objectContaining({ reason: 'handler-failed', attempts: 2 })]);
      const gaps = moments.slice(1).map((moment, index) => moment - moments[index]);
      // kafkajs's heartbeat interval for a 6 s session is 600 ms; a member silent for 6 s loses its partitions.
      expect(Math.max(...gaps)).toBeLessThanOrEqual(600);
      expect(moments.at(-1)! - moments[0]).toBeGreaterThanOrEqual(20_000);
    } finally {
      jest.useRealTimers();
    }
  });
});
