import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { ProvidesReadiness, type ReadinessIndicator } from '@redmet/platform';
import { MessagingEnvironment } from '../messaging.environment';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { createKafka, createReliableProducer } from './kafka.factory';
import { ensureTopics } from './topic-provisioner';

/** The service's one Kafka client: an admin for topics and health, and the reliable producer. */
@Injectable()
@ProvidesReadiness()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown, ReadinessIndicator {
  private readonly logger = new Logger(KafkaConnection.name);
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;

  constructor(
    private readonly environment: MessagingEnvironment,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly health: HealthIndicatorService,
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

  isReady() {
    return this.health
      .check('kafka')
      .attempt(async () => ({ brokers: (await this.admin.describeCluster()).brokers.length }))
      .withTimeout(3000);
  }
}
