import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Admin, Kafka, logLevel, type Producer } from 'kafkajs';
import { MessagingEnvironment } from '../messaging.environment';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { createKafka, createReliableProducer, kafkaClientConfig } from './kafka.factory';
import { ensureTopics } from './topic-provisioner';

const FIRST_LOOK_AGAIN_MS = 1000;
const LONGEST_LOOK_AGAIN_MS = 10_000;

/** The service's one Kafka client: an admin for topics and health, and the reliable producer. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaConnection.name);
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;
  private ready = false;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly environment: MessagingEnvironment,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.kafka = createKafka(environment, options.service);
    this.admin = this.kafka.admin();
    this.producer = createReliableProducer(this.kafka);
  }

  async onModuleInit(): Promise<void> {
    if (this.options.runsWithoutBroker) {
      // Not awaited: the service starts, and its events wait in the outbox until the broker answers.
      void this.connectOnceTheBrokerAnswers();
      return;
    }
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  private async connect(): Promise<void> {
    await this.admin.connect();
    const created = await ensureTopics(this.admin, {
      replicationFactor: this.environment.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: this.environment.KAFKA_MIN_INSYNC_REPLICAS,
    });
    if (created.length > 0) this.logger.log({ topics: created }, 'created topics');
    await this.producer.connect();
    this.ready = true;
  }

  /** True once the topics are checked and the producer is connected: nothing may be sent before. */
  get connected(): boolean {
    return this.ready;
  }

  /**
   * Asks with a client that does not retry whether a broker answers, and
   * connects the service's own clients only then: theirs retry for a minute
   * (the producer for ever), and kafkajs goes on retrying after a
   * disconnect, which would outlive a shutdown.
   */
  private async connectOnceTheBrokerAnswers(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        if (await this.brokerAnswers()) {
          await this.connect();
          if (attempt > 0) this.logger.log('the broker answers: events in the outbox go out now');
          return;
        }
        if (attempt === 0) this.logger.warn('no broker answers: started without it; events wait in the outbox');
      } catch (error) {
        this.logger.warn({ err: error }, 'could not connect to the broker; trying again');
      }
      await this.pause(Math.min(LONGEST_LOOK_AGAIN_MS, FIRST_LOOK_AGAIN_MS * 2 ** attempt));
    }
  }

  /** Quietly: the loop above says once that no broker answers, and not at every try. */
  private async brokerAnswers(): Promise<boolean> {
    const probe = new Kafka({
      ...kafkaClientConfig(this.environment, this.options.service),
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await probe.connect();
      return true;
    } catch {
      return false;
    } finally {
      await probe.disconnect();
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
