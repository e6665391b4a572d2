import type { Admin, ITopicConfig } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicName, type TopicDefinition } from '@redmet/contracts';

export interface ReplicationSettings {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/** Each topic of the contracts, and the dead-letter topic beside it, as Kafka should hold them. */
export function topicConfigs(
  settings: ReplicationSettings,
  topics: readonly TopicDefinition[] = ALL_TOPICS,
): ITopicConfig[] {
  const configEntries = [{ name: 'min.insync.replicas', value: String(settings.minInsyncReplicas) }];
  return topics.flatMap((topic) => [
    {
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries,
    },
    // Dead letters are few and read by people: one partition keeps them in arrival order.
    {
      topic: deadLetterTopicName(topic.name),
      numPartitions: 1,
      replicationFactor: settings.replicationFactor,
      configEntries,
    },
  ]);
}

/**
 * Creates what is missing and leaves existing topics alone. Every service runs it
 * at start, because a consumer can only subscribe to topics that exist.
 */
export async function ensureTopics(admin: Admin, settings: ReplicationSettings): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topicConfigs(settings).filter((config) => !existing.has(config.topic));
  if (missing.length === 0) return [];
  await admin.createTopics({ topics: missing, waitForLeaders: true });
  return missing.map((config) => config.topic);
}
