import { type CustomStrategy, KafkaParser, type KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { INestApplication } from '@nestjs/common';
import { type Consumer, type KafkaMessage, Partitioners } from 'kafkajs';
import { ConsumerEnvironment } from '../consumer.environment';
import { consumerGroupOf, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { kafkaClientConfig } from './kafka.factory';

/**
 * Nest's parser reads keys and header values as UTF-8 text, or as JSON when
 * they look like it, and the handler's context holds only its output: a dead
 * letter built from that loses bytes that are not UTF-8, respells JSON and
 * joins repeated headers (`keepBinary` spares only the value). A custom
 * deserializer would come too late, as Nest runs it on the parser's output.
 * So handlers get the message as kafkajs read it.
 */
class AsDelivered extends KafkaParser {
  override parse<T = KafkaMessage>(message: T): T {
    return message;
  }
}

class ServerKafkaAsDelivered extends ServerKafka {
  constructor(options: Required<KafkaOptions>['options']) {
    super(options);
    this.parser = new AsDelivered();
  }
}

/**
 * Nest's Kafka transport as Redmet uses it: the consumer group is the service,
 * messages stay raw bytes (EventConsumer parses and validates them, and can
 * dead-letter them unchanged), a new group starts from the beginning of each
 * topic, and offsets are committed only for messages whose handler returned.
 */
export function kafkaConsumerTransport(app: INestApplication): CustomStrategy {
  const environment = consumerEnvironmentOf(app);
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  return {
    strategy: new ServerKafkaAsDelivered({
      postfixId: '',
      client: kafkaClientConfig(environment, `${options.service}-consumer`),
      consumer: {
        groupId: consumerGroupOf(environment, options),
        sessionTimeout: environment.KAFKA_SESSION_TIMEOUT_MS,
        heartbeatInterval: heartbeatIntervalOf(environment),
        allowAutoTopicCreation: false,
        // An idle fetch returns after this long; short enough that stopping (which waits for it) is quick.
        maxWaitTimeInMs: 1000,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30000 },
      },
      // Nest's transport makes a producer for replies, which events never send; only to silence kafkajs's partitioner warning.
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: environment.KAFKA_PARTITIONS_CONCURRENTLY, autoCommit: true },
    }),
  };
}

/** The consumer settings, which only a service that consumes (MessagingModule given a consumerGroup) has. */
function consumerEnvironmentOf(app: INestApplication): ConsumerEnvironment {
  const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
  if (!options.consumerGroup)
    throw new Error(`${options.service} consumes no events: give MessagingModule a consumerGroup`);
  return app.get(ConsumerEnvironment);
}

/** How often a consumer heartbeats: a tenth of the session timeout, so a few lost heartbeats do not cost it its partitions. */
export function heartbeatIntervalOf(environment: Pick<ConsumerEnvironment, 'KAFKA_SESSION_TIMEOUT_MS'>): number {
  return Math.floor(environment.KAFKA_SESSION_TIMEOUT_MS / 10);
}

/** The kafkajs consumer inside the app's Kafka transport, for tests and operational checks. */
export function kafkaConsumerOf(app: { getMicroservices(): { unwrap<T>(): T }[] }): Consumer {
  const [, consumer] = app.getMicroservices()[0].unwrap<[unknown, Consumer]>();
  return consumer;
}

/** Connects the service's Kafka consumer (its topics come from its @ConsumeTopic handlers) and starts it. */
export async function startConsumers(app: INestApplication): Promise<void> {
  if (!consumerEnvironmentOf(app).KAFKA_CONSUMERS_ENABLED) return;
  app.connectMicroservice(kafkaConsumerTransport(app));
  await app.startAllMicroservices();
}
