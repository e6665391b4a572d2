import type { ServiceName } from '@redmet/contracts';

export interface MessagingOptions {
  service: ServiceName;
  /** Set for services that consume events: their Kafka consumer group, also the inbox's consumer name. */
  consumerGroup?: string;
}

export const MESSAGING_OPTIONS = 'redmet:messaging-options';
