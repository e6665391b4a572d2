import { ALL_TOPICS, deadLetterTopicName } from '@redmet/contracts';
import { topicConfigs } from './topic-provisioner';

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
