import type { ServiceName } from '@redmet/contracts';

export interface MessagingOptions {
  service: ServiceName;
  /** Set for services that consume events: their Kafka consumer group, also the inbox's consumer name. */
  consumerGroup?: string;
}

export const MESSAGING_OPTIONS = 'redmet:messaging-options';

/** The consumer group in effect: KAFKA_CONSUMER_GROUP when set, else the one the service declares. */
export function consumerGroupOf(environment: { KAFKA_CONSUMER_GROUP?: string }, options: MessagingOptions): string {
  const group = environment.KAFKA_CONSUMER_GROUP || options.consumerGroup;
  if (!group) throw new Error(`${options.service} consumes no events: give MessagingModule a consumerGroup`);
  return group;
}
