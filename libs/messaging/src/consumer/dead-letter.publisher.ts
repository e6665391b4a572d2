import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { IHeaders, KafkaMessage } from 'kafkajs';
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
  constructor(
    private readonly kafka: KafkaConnection,
    @InjectMetric(METRICS.deadLettered) private readonly deadLettered: Counter<string>,
  ) {}

  async publish(letter: DeadLetter): Promise<void> {
    const headers: IHeaders = {
      ...letter.message.headers,
      [DLQ_HEADERS.originalTopic]: letter.topic,
      [DLQ_HEADERS.originalPartition]: String(letter.partition),
      [DLQ_HEADERS.originalOffset]: letter.message.offset,
      [DLQ_HEADERS.consumerGroup]: letter.consumerGroup,
      [DLQ_HEADERS.error]: letter.error.slice(0, MAX_ERROR_HEADER_LENGTH),
      [DLQ_HEADERS.errorKind]: letter.reason,
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      [DLQ_HEADERS.attempts]: String(letter.attempts),
    };
    await this.kafka.producer.send({
      topic: deadLetterTopicName(letter.topic),
      acks: -1,
      messages: [{ key: letter.message.key, value: letter.message.value, headers }],
    });
    this.deadLettered.inc({ topic: letter.topic, reason: letter.reason });
  }
}
