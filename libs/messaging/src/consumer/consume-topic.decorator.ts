import { EventPattern } from '@nestjs/microservices';
import type { TopicDefinition } from '@redmet/contracts';

/** Marks the handler of one topic; topic names come only from the contracts. */
export function ConsumeTopic(topic: TopicDefinition): MethodDecorator {
  return EventPattern<string>(topic.name);
}
