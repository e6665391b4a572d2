import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PlatformEnvironment } from '@redmet/platform';
import { ConsumerEnvironment } from './consumer.environment';
import { ConsumerLagGauge } from './consumer/consumer-lag.gauge';
import { DeadLetterPublisher } from './consumer/dead-letter.publisher';
import { EventConsumer } from './consumer/event-consumer';
import { ProcessedEvent } from './consumer/processed-event.entity';
import { CreateMessagingTables1764300000000 } from './database/1764300000000-create-messaging-tables';
import { KafkaConnection } from './kafka/kafka.connection';
import { KafkaReadiness } from './kafka/kafka.readiness';
import { MessagingEnvironment } from './messaging.environment';
import { messagingMetricProviders } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxBacklogGauge } from './outbox/outbox-backlog.gauge';
import { Outbox } from './outbox/outbox';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxRelay } from './outbox/outbox.relay';

/** Entities and migrations every service adds to its own schema. */
export const MESSAGING_ENTITIES = [OutboxMessage, ProcessedEvent];
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764300000000];

/**
 * A consuming service's environment class extends ConsumerEnvironment (PlatformModule provides it as
 * PlatformEnvironment); one that does not would leave its consumer settings undefined, so it stops at
 * start instead.
 */
function consumerEnvironment(options: MessagingOptions) {
  return {
    provide: ConsumerEnvironment,
    inject: [PlatformEnvironment],
    useFactory: (environment: PlatformEnvironment): ConsumerEnvironment => {
      if (environment instanceof ConsumerEnvironment) return environment;
      throw new Error(
        `${options.service} consumes events: its environment class ${environment.constructor.name} must extend ConsumerEnvironment`,
      );
    },
  };
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const consumerProviders = options.consumerGroup ? [EventConsumer, DeadLetterPublisher, ConsumerLagGauge] : [];
    // Only a consuming service is given ConsumerEnvironment: one that only publishes (the gateway) has no consumer settings.
    const consumerEnvironmentProviders = options.consumerGroup ? [consumerEnvironment(options)] : [];
    const readinessProviders = options.runsWithoutBroker ? [] : [KafkaReadiness];
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        // The service's environment class extends MessagingEnvironment; PlatformModule provides it.
        { provide: MessagingEnvironment, useExisting: PlatformEnvironment },
        ...consumerEnvironmentProviders,
        ...messagingMetricProviders,
        KafkaConnection,
        ...readinessProviders,
        Outbox,
        OutboxRelay,
        OutboxBacklogGauge,
        ...consumerProviders,
      ],
      exports: [
        MESSAGING_OPTIONS,
        MessagingEnvironment,
        KafkaConnection,
        Outbox,
        OutboxRelay,
        ...(options.consumerGroup ? [ConsumerEnvironment] : []),
        ...consumerProviders,
      ],
    };
  }
}
