import type { ServiceName } from '@redmet/contracts';

export interface MessagingOptions {
  service: ServiceName;
  /** Set for services that consume events: their Kafka consumer group, also the inbox's consumer name. */
  consumerGroup?: string;
  /**
   * Whether the service starts, and stays ready, while no broker answers (false when not given). A
   * consumer can do no work without the broker, and for most services taking requests whose events
   * cannot leave is worse than being taken out of rotation: they wait for it at start, and turn
   * unready without it. A service that must stay up whatever the broker does (the gateway: sign-in and
   * the console) sets true: its events wait in the outbox, and the relay sends them once the broker
   * answers.
   */
  runsWithoutBroker?: boolean;
}

export const MESSAGING_OPTIONS = 'redmet:messaging-options';

/** The consumer group in effect: KAFKA_CONSUMER_GROUP when set, else the one the service declares. */
export function consumerGroupOf(environment: { KAFKA_CONSUMER_GROUP?: string }, options: MessagingOptions): string {
  const group = environment.KAFKA_CONSUMER_GROUP || options.consumerGroup;
  if (!group) throw new Error(`${options.service} consumes no events: give MessagingModule a consumerGroup`);
  return group;
}
