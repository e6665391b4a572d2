import { Controller } from '@nestjs/common';
import { Ctx, KafkaContext } from '@nestjs/microservices';
import { TOPICS, UserAccessChanged } from '@redmet/contracts';
import { ConsumeTopic, EventConsumer, onEach } from '@redmet/messaging';
import { SubscriberAccess } from './subscriber-access';

@Controller()
export class SubscriberAccessConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly access: SubscriberAccess,
  ) {}

  @ConsumeTopic(TOPICS.gatewayUser)
  onUser(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, [
      onEach(UserAccessChanged, (events, manager) => this.access.apply(manager, events)),
    ]);
  }
}
