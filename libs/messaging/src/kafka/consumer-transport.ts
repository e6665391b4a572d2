import { type KafkaOptions, Transport } from '@nestjs/microservices';
import type { INestApplication } from '@nestjs/common';
import { type Consumer, Partitioners } from 'kafkajs';
import { MessagingEnvironment } from '../messaging.environment';
import { consumerGroupOf, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { kafkaClientConfig } from './kafka.factory';

/**
 * Options for Nest's Kafka transport as Redmet uses it: the consumer group is
 * the service, values stay raw bytes (EventConsumer parses and validates them,
 * and can dead-letter them unchanged), a new group starts from the beginning of
 * each topic, and offsets are committed only for messages whose handler returned.
 */
export function kafkaConsumerTransport(app: INestApplication): KafkaOptions {
  const environment = app.get(MessagingEnvironment);
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaClientConfig(environment, `${options.service}-consumer`),
      consumer: {
        groupId: consumerGroupOf(environment, options),
        sessionTimeout: environment.KAFKA_SESSION_TIMEOUT_MS,
        heartbeatInterval: Math.floor(environment.KAFKA_SESSION_TIMEOUT_MS / 10),
        allowAutoTopicCreation: false,
        // An idle fetch returns after this long; short enough that stopping (which waits for it) is quick.
        maxWaitTimeInMs: 1000,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30000 },
      },
      // Nest's transport makes a producer for replies, which events never send; only to silence kafkajs's partitioner warning.
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: environment.KAFKA_PARTITIONS_CONCURRENTLY, autoCommit: true },
      parser: { keepBinary: true },
    },
  };
}

/** The kafkajs consumer inside the app's Kafka transport, for tests and operational checks. */
export function kafkaConsumerOf(app: { getMicroservices(): { unwrap<T>(): T }[] }): Consumer {
  const [, consumer] = app.getMicroservices()[0].unwrap<[unknown, Consumer]>();
  return consumer;
}

/** Connects the service's Kafka consumer (its topics come from its @ConsumeTopic handlers) and starts it. */
export async function startConsumers(app: INestApplication): Promise<void> {
  if (!app.get(MessagingEnvironment).KAFKA_CONSUMERS_ENABLED) return;
  app.connectMicroservice(kafkaConsumerTransport(app));
  await app.startAllMicroservices();
}
