import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { KafkaContext } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';

type Handler = (context: KafkaContext) => Promise<void>;

/**
 * The service's own Kafka handlers (its consumers' and the registry view's
 * `@ConsumeTopic` methods) by topic, so that a replay can hand a message to
 * exactly the code the live consumer runs, with its inbox, retries and
 * dead-lettering.
 */
@Injectable()
export class EventHandlers implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const method = instance[name] as Handler;
        const topics: unknown = Reflect.getMetadata(PATTERN_METADATA, method);
        if (!Array.isArray(topics)) continue;
        for (const topic of topics) this.handlers.set(String(topic), (context) => method.call(instance, context));
      }
    }
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  async handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    kafka: { consumer: Consumer; producer: Producer; heartbeat: () => Promise<void> },
  ): Promise<void> {
    const handler = this.handlers.get(topic);
    if (!handler) throw new Error(`no handler for topic ${topic}`);
    await handler(new KafkaContext([message, partition, topic, kafka.consumer, kafka.heartbeat, kafka.producer]));
  }
}
