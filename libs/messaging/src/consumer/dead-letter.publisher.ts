import { Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { type IHeaders, KafkaJSError, type KafkaMessage } from 'kafkajs';
import type { Counter } from 'prom-client';
import { deadLetterTopicName } from '@redmet/contracts';
import { KafkaConnection } from '../kafka/kafka.connection';
import { METRICS } from '../messaging.metrics';

export const DLQ_HEADERS = {
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  consumerGroup: 'x-dlq-consumer-group',
  error: 'x-dlq-error',
  errorKind: 'x-dlq-error-kind',
  failedAt: 'x-dlq-failed-at',
  attempts: 'x-dlq-attempts',
  /** A JSON array of the names of the original headers whose value was null: sent as empty, as kafkajs cannot send null. */
  nullHeaders: 'x-dlq-null-headers',
  /** Set when Kafka or kafkajs refused the letter with its original headers: why; the letter then carries only the x-dlq-* headers. */
  headersDropped: 'x-dlq-headers-dropped',
} as const;

export type DeadLetterReason = 'malformed-json' | 'invalid-envelope' | 'invalid-payload' | 'poison' | 'handler-failed';

export interface DeadLetter {
  topic: string;
  partition: number;
  /** As kafkajs read it, bytes untouched (see kafkaConsumerTransport). */
  message: KafkaMessage;
  consumerGroup: string;
  reason: DeadLetterReason;
  error: string;
  attempts: number;
}

const MAX_ERROR_HEADER_LENGTH = 4000;

/**
 * Parks a message on `<topic>.dlq` byte for byte, with headers saying where it
 * came from and why. Throws if Kafka does not take it, so that the caller does
 * not commit the offset and nothing is lost.
 */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly kafka: KafkaConnection,
    @InjectMetric(METRICS.deadLettered) private readonly deadLettered: Counter<string>,
  ) {}

  async publish(letter: DeadLetter): Promise<void> {
    const { headers, nullNames } = withoutNullValues(letter.message.headers);
    const trail: IHeaders = {
      [DLQ_HEADERS.originalTopic]: letter.topic,
      [DLQ_HEADERS.originalPartition]: String(letter.partition),
      [DLQ_HEADERS.originalOffset]: letter.message.offset,
      [DLQ_HEADERS.consumerGroup]: letter.consumerGroup,
      [DLQ_HEADERS.error]: letter.error.slice(0, MAX_ERROR_HEADER_LENGTH),
      [DLQ_HEADERS.errorKind]: letter.reason,
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      [DLQ_HEADERS.attempts]: String(letter.attempts),
      ...(nullNames.length > 0 && { [DLQ_HEADERS.nullHeaders]: JSON.stringify(nullNames) }),
    };
    try {
      await this.send(letter, { ...headers, ...trail });
    } catch (error) {
      // The producer retries what may pass later on its own: what reaches here is Kafka or kafkajs
      // refusing this letter for good, and redelivering its message would only fail again, for ever.
      if (error instanceof KafkaJSError && error.retriable) throw error;
      this.logger.warn(
        { err: error, topic: letter.topic, offset: letter.message.offset },
        'dead letter refused; sending it without the original headers',
      );
      const why = String(error).slice(0, MAX_ERROR_HEADER_LENGTH);
      await this.send(letter, { ...trail, [DLQ_HEADERS.headersDropped]: why });
    }
    this.deadLettered.inc({ topic: letter.topic, reason: letter.reason });
  }

  private async send(letter: DeadLetter, headers: IHeaders): Promise<void> {
    await this.kafka.producer.send({
      topic: deadLetterTopicName(letter.topic),
      acks: -1,
      messages: [{ key: letter.message.key, value: letter.message.value, headers }],
    });
  }
}

/**
 * Kafka carries null header values, but kafkajs cannot send one (it measures it
 * with Buffer.byteLength and throws): they go as empty values, named apart.
 */
function withoutNullValues(headers: IHeaders = {}): { headers: IHeaders; nullNames: string[] } {
  const empty = Buffer.alloc(0);
  const isNull = (value: unknown) => value === null || value === undefined;
  const result: IHeaders = {};
  const nullNames: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value) ? value.some(isNull) : isNull(value)) nullNames.push(name);
    result[name] = Array.isArray(value) ? value.map((item) => item ?? empty) : (value ?? empty);
  }
  return { headers: result, nullNames };
}
