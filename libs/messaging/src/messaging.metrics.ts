import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

export const METRICS = {
  published: 'redmet_events_published_total',
  publishLatency: 'redmet_outbox_publish_latency_seconds',
  consumed: 'redmet_events_consumed_total',
  deadLettered: 'redmet_events_dead_lettered_total',
  handling: 'redmet_event_handling_seconds',
  outboxBacklog: 'redmet_outbox_backlog',
  consumerLag: 'redmet_consumer_lag',
} as const;

export const messagingMetricProviders = [
  makeCounterProvider({
    name: METRICS.published,
    help: 'Events the outbox relay published to Kafka',
    labelNames: ['topic', 'type'],
  }),
  makeHistogramProvider({
    name: METRICS.publishLatency,
    help: 'Time from the commit of an outbox row to its acknowledgement by Kafka',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
  }),
  makeCounterProvider({
    name: METRICS.consumed,
    help: 'Events consumed, by outcome: applied, duplicate (already applied) or ignored (type not handled here)',
    labelNames: ['topic', 'type', 'outcome'],
  }),
  makeCounterProvider({
    name: METRICS.deadLettered,
    help: 'Events sent to a dead-letter topic, by reason',
    labelNames: ['topic', 'reason'],
  }),
  makeHistogramProvider({
    name: METRICS.handling,
    help: 'Time to apply one consumed event, retries included',
    labelNames: ['topic'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  }),
];
