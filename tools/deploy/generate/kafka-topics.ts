// Strimzi KafkaTopic resources for every topic of libs/contracts and its dead-letter
// topic, built by the same function the services use to create topics, so the
// cluster's topics and the services' expectations cannot drift apart.
import { topicConfigs } from '../../../libs/messaging/src/kafka/topic-provisioner';

export const KAFKA_CLUSTER = 'redmet';

/**
 * Events are the history every read model (and the monitoring rebuild) is built
 * from: domain topics keep them for good. Dead letters are parked for people to
 * inspect and replay; the original event also stays on its own topic.
 */
export const RETENTION_MS = { events: -1, deadLetters: 90 * 24 * 60 * 60 * 1000 };

export function kafkaTopics(): Record<string, unknown>[] {
  return topicConfigs({ replicationFactor: 3, minInsyncReplicas: 2 }).map((config) => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: {
      name: config.topic,
      labels: { 'strimzi.io/cluster': KAFKA_CLUSTER, 'app.kubernetes.io/part-of': 'redmet' },
    },
    spec: {
      topicName: config.topic,
      partitions: config.numPartitions,
      replicas: config.replicationFactor,
      config: {
        ...Object.fromEntries((config.configEntries ?? []).map((entry) => [entry.name, entry.value])),
        'cleanup.policy': 'delete',
        'retention.ms': config.topic.endsWith('.dlq') ? RETENTION_MS.deadLetters : RETENTION_MS.events,
      },
    },
  }));
}
