import { type Admin, KafkaJSProtocolError, type PartitionMetadata } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopicName, TOPICS } from '@redmet/contracts';
import { ensureTopics, topicConfigs } from './topic-provisioner';

describe('topicConfigs', () => {
  const configs = topicConfigs({ replicationFactor: 3, minInsyncReplicas: 2 });

  it('declares every contract topic and its dead-letter topic', () => {
    const names = configs.map((config) => config.topic).sort();
    const expected = ALL_TOPICS.flatMap((topic) => [topic.name, deadLetterTopicName(topic.name)]).sort();
    expect(names).toEqual(expected);
  });

  it('uses the partitions of the contracts and the replication settings given', () => {
    for (const topic of ALL_TOPICS) {
      const config = configs.find((candidate) => candidate.topic === topic.name);
      expect(config).toMatchObject({ numPartitions: topic.partitions, replicationFactor: 3 });
      expect(config?.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    }
  });

  it('keeps events for good, the history read models are rebuilt from, and dead letters for 90 days', () => {
    const retention = (name: string) =>
      configs.find((config) => config.topic === name)?.configEntries?.find((entry) => entry.name === 'retention.ms');
    const reports = 'reporting.report.v1';
    expect(retention(reports)?.value).toBe('-1');
    expect(retention(deadLetterTopicName(reports))?.value).toBe(String(90 * 24 * 60 * 60 * 1000));
  });

  it('lets a dead letter be larger than the largest event the broker takes, so that its headers fit', () => {
    const limit = (name: string) =>
      configs
        .find((config) => config.topic === name)
        ?.configEntries?.find((entry) => entry.name === 'max.message.bytes')?.value;
    expect(limit(deadLetterTopicName('reporting.report.v1'))).toBe(String(2 * 1024 * 1024));
    expect(limit('reporting.report.v1')).toBeUndefined();
  });
});

describe('ensureTopics on a cluster still learning of the new topics', () => {
  const protocolError = (type: string, code: number) =>
    Object.assign(new KafkaJSProtocolError(`broker says ${type}`), { type, code });
  const NOT_HOSTED = protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3);
  const partition = (leader: number) => ({ partitionId: 0, leader }) as PartitionMetadata;

  /** A cluster that has every topic but one, whose metadata brokers then answer with `answers` in turn. */
  function cluster(answers: (Error | number)[]) {
    const missing = TOPICS.reportingReport.name;
    const calls = { createTopics: [] as unknown[], metadata: 0 };
    const admin = {
      listTopics: async () =>
        topicConfigs({ replicationFactor: 3, minInsyncReplicas: 2 })
          .map((config) => config.topic)
          .filter((topic) => topic !== missing),
      createTopics: async (options: unknown) => {
        calls.createTopics.push(options);
        return true;
      },
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        const answer = answers[Math.min(calls.metadata++, answers.length - 1)];
        if (answer instanceof Error) throw answer;
        return { topics: topics.map((name) => ({ name, partitions: [partition(answer)] })) };
      },
    } as unknown as Admin;
    return { admin, calls, missing };
  }

  it('waits while brokers do not host the new topic yet or it has no leader, then returns it', async () => {
    const { admin, calls, missing } = cluster([NOT_HOSTED, NOT_HOSTED, -1, 2]);
    await expect(ensureTopics(admin, { replicationFactor: 3, minInsyncReplicas: 2 })).resolves.toEqual([missing]);
    expect(calls.metadata).toBe(4);
    expect(calls.createTopics).toEqual([expect.objectContaining({ waitForLeaders: false })]);
  });

  it('fails at once on any other answer', async () => {
    const { admin, calls } = cluster([protocolError('TOPIC_AUTHORIZATION_FAILED', 29)]);
    await expect(ensureTopics(admin, { replicationFactor: 3, minInsyncReplicas: 2 })).rejects.toThrow(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(calls.metadata).toBe(1);
  });

  it('gives up when the leaders do not come, saying what it last heard', async () => {
    const { admin } = cluster([NOT_HOSTED]);
    await expect(ensureTopics(admin, { replicationFactor: 3, minInsyncReplicas: 2 }, 300)).rejects.toThrow(
      /have no leaders after 300 ms \(UNKNOWN_TOPIC_OR_PARTITION\)/,
    );
  });
});
