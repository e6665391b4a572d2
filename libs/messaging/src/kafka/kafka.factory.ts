import { Kafka, logLevel, Partitioners, type Producer, type KafkaConfig, type LogEntry } from 'kafkajs';
import { Logger } from '@nestjs/common';
import type { MessagingEnvironment } from '../messaging.environment';

const LEVELS: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logging into the service's structured log. */
export function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...fields } = log;
      logger[LEVELS[level] ?? 'log']({ ...fields, message: `${message}` });
    };
}

export function kafkaClientConfig(environment: MessagingEnvironment, clientId: string): KafkaConfig {
  return {
    clientId,
    brokers: environment.KAFKA_BROKERS.split(','),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(),
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10000 },
  };
}

export function createKafka(environment: MessagingEnvironment, clientId: string): Kafka {
  return new Kafka(kafkaClientConfig(environment, clientId));
}

/**
 * A producer that neither loses nor reorders: idempotent (which implies acks=all),
 * one request in flight, Java-compatible partitioning so keys land where other
 * Kafka clients would put them, and no topic auto-creation.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    // Giving up would let later sends overtake this one; an outage only delays publishing.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 10000 },
  });
}
