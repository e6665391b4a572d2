import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { ALL_TOPICS } from '@redmet/contracts';
import { KafkaConnection } from '../kafka/kafka.connection';
import { METRICS } from '../messaging.metrics';
import { ConsumerEnvironment } from '../consumer.environment';
import { consumerGroupOf, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

/**
 * Messages on each partition the consumer group has not committed yet,
 * asked of the broker when Prometheus scrapes.
 */
@Injectable()
export class ConsumerLagGauge {
  private readonly logger = new Logger(ConsumerLagGauge.name);

  constructor(
    kafka: KafkaConnection,
    environment: ConsumerEnvironment,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    const logger = this.logger;
    const groupId = consumerGroupOf(environment, options);
    register.removeSingleMetric(METRICS.consumerLag);
    new Gauge({
      name: METRICS.consumerLag,
      help: 'Messages not yet consumed by this service, per topic and partition',
      labelNames: ['topic', 'partition'],
      async collect() {
        try {
          const committed = await kafka.admin.fetchOffsets({ groupId });
          const subscribed = committed.filter((entry) => ALL_TOPICS.some((topic) => topic.name === entry.topic));
          this.reset();
          for (const { topic, partitions } of subscribed) {
            const ends = await kafka.admin.fetchTopicOffsets(topic);
            for (const end of ends) {
              const done = partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
              const lag = Number(end.high) - Math.max(Number(done), Number(end.low));
              this.set({ topic, partition: String(end.partition) }, Math.max(0, lag));
            }
          }
        } catch (error) {
          logger.warn({ err: error }, 'could not measure consumer lag');
        }
      },
    });
  }
}
