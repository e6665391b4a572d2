import { type Admin, type ITopicConfig, KafkaJSAggregateError } from 'kafkajs';
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
 * consumer can only subscribe to topics that exist. A cluster still forming
 * (or with a broker restarting) is waited for, up to `timeoutMs`.
 */
export async function ensureTopics(admin: Admin, settings: ReplicationSettings, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const wanted = topicConfigs(settings);
  const existing = new Set(await admin.listTopics());
  const created = wanted.filter((config) => !existing.has(config.topic)).map((config) => config.topic);
  if (created.length === 0) return [];
  await createMissing(admin, wanted, deadline);
  await waitForLeaders(admin, created, deadline);
  return created;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createMissing(admin: Admin, wanted: ITopicConfig[], deadline: number): Promise<void> {
  for (;;) {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((config) => !existing.has(config.topic));
    if (missing.length === 0) return;
    try {
      // kafkajs's own wait (waitForLeaders) gives up at the first "does not host this topic-partition", which a
      // broker of a cluster answers until the controller's record of the new topic has reached it.
      await admin.createTopics({ topics: missing, waitForLeaders: false });
      return;
    } catch (error) {
      if (!tooFewBrokers(error) || Date.now() >= deadline) throw error;
    }
    await sleep(500);
  }
}

/**
 * Fewer brokers are up than the replication factor asks for: in a cluster
 * still forming, or one whose broker missed its heartbeats, that passes.
 */
function tooFewBrokers(error: unknown): boolean {
  return (
    error instanceof KafkaJSAggregateError &&
    error.errors.every((cause) => (cause as { type?: unknown }).type === 'INVALID_REPLICATION_FACTOR')
  );
}

/** What a broker answers about a topic created a moment ago until it knows the topic and its leaders. */
const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

async function waitForLeaders(admin: Admin, topics: string[], deadline: number): Promise<void> {
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
    if (Date.now() >= deadline) throw new Error(`the ${topics.length} topics created have no leaders yet (${last})`);
    await sleep(100);
  }
}
