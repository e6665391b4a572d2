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
 * Creates what is missing and leaves existing topics alone, and returns when
 * every new partition has a leader. Every service runs it at start, because a
 * consumer can only subscribe to topics that exist.
 */
export async function ensureTopics(
  admin: Admin,
  settings: ReplicationSettings,
  leaderTimeoutMs = 30_000,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topicConfigs(settings).filter((config) => !existing.has(config.topic));
  if (missing.length === 0) return [];
  // kafkajs's own wait (waitForLeaders) gives up at the first "does not host this topic-partition", which a
  // broker of a cluster answers until the controller's record of the new topic has reached it.
  await admin.createTopics({ topics: missing, waitForLeaders: false });
  const created = missing.map((config) => config.topic);
  await waitForLeaders(admin, created, leaderTimeoutMs);
  return created;
}

/** What a broker answers about a topic created a moment ago until it knows the topic and its leaders. */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const { topics: known } = await admin.fetchTopicMetadata({ topics });
      const leaderless = known.filter(
        (topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0),
      );
      if (known.length === topics.length && leaderless.length === 0) return;
      last = `${leaderless.map((topic) => topic.name).join(', ') || 'some'} without leaders`;
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type !== 'string' || !NOT_YET.has(type)) throw error;
      last = type;
    }
    if (Date.now() >= deadline)
      throw new Error(`the ${topics.length} topics created have no leaders after ${timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
