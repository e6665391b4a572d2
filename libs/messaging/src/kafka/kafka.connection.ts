import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { MessagingEnvironment } from '../messaging.environment';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { createKafka, createReliableProducer } from './kafka.factory';
import { ensureTopics } from './topic-provisioner';

/** The service's one Kafka client: an admin for topics and health, and the reliable producer. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaConnection.name);
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;

  constructor(
    private readonly environment: MessagingEnvironment,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.kafka = createKafka(environment, options.service);
    this.admin = this.kafka.admin();
    this.producer = createReliableProducer(this.kafka);
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    const created = await ensureTopics(this.admin, {
      replicationFactor: this.environment.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: this.environment.KAFKA_MIN_INSYNC_REPLICAS,
    });
    if (created.length > 0) this.logger.log({ topics: created }, 'created topics');
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
