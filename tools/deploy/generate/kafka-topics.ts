// Strimzi KafkaTopic resources for every topic of libs/contracts and its dead-letter
// topic, built by the same function the services use to create topics, so the
// cluster's topics and the services' expectations cannot drift apart.
import { topicConfigs } from '../../../libs/messaging/src/kafka/topic-provisioner';

export const KAFKA_CLUSTER = 'redmet';

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
      config: Object.fromEntries((config.configEntries ?? []).map((entry) => [entry.name, entry.value])),
    },
  }));
}
