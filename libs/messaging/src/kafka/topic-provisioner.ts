import type { Admin, ITopicConfig } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicName, type TopicDefinition } from '@redmet/contracts';

export interface ReplicationSettings {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/**
 * Events are the history every read model (and the monitoring rebuild) is built
 * from: domain topics keep them for good. Dead letters are parked for people to
 * inspect and replay; the original event also stays on its own topic.
 */
export const RETENTION_MS = { events: -1, deadLetters: 90 * 24 * 60 * 60 * 1000 };
/**
 * A dead letter is the message as it came plus headers saying why: one near
 * the broker's 1 MiB limit would not fit its dead-letter topic, and the
 * consumer would wait on that partition for ever. Twice the limit leaves room.
 */
export const DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Each topic of the contracts, and the dead-letter topic beside it, as Kafka should hold them. */
export function topicConfigs(
  settings: ReplicationSettings,
  topics: readonly TopicDefinition[] = ALL_TOPICS,
): ITopicConfig[] {
  const configEntries = (retentionMs: number) => [
    { name: 'min.insync.replicas', value: String(settings.minInsyncReplicas) },
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: String(retentionMs) },
  ];
  return topics.flatMap((topic) => [
    {
      topic: topic.name,
      numPartitions: topic.partitions,
      replicationFactor: settings.replicationFactor,
      configEntries: configEntries(RETENTION_MS.events),
    },
    // Dead letters are few and read by people: one partition keeps them in arrival order.
    {
      topic: deadLetterTopicName(topic.name),
      numPartitions: 1,
      replicationFactor: settings.replicationFactor,
      configEntries: [
        ...configEntries(RETENTION_MS.deadLetters),
        { name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) },
      ],
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
