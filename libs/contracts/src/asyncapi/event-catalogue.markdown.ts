import { EVENT_CATALOGUE } from '../catalogue';
import { ALL_TOPICS, deadLetterTopicName } from '../topics';

/** The human-readable event catalogue (docs/events.md), generated like the AsyncAPI document so both follow the contracts. */
export function renderEventCatalogue(): string {
  const lines = [
    '# Event catalogue',
    '',
    'Generated from `libs/contracts` by `npm run contracts:docs`; do not edit by hand.',
    'Every event travels in the envelope described in [asyncapi.json](asyncapi.json), keyed by its aggregate id.',
    'Each topic has a dead-letter twin `<topic>.dlq` (one partition) for messages a consumer could not apply.',
    '',
  ];
  for (const topic of ALL_TOPICS) {
    lines.push(`## \`${topic.name}\``, '');
    lines.push(
      `${topic.description} Published by **${topic.owner}**; key: ${topic.aggregateType} id; ` +
        `${topic.partitions} partitions; dead letters: \`${deadLetterTopicName(topic.name)}\`.`,
      '',
    );
    lines.push('| Event | Schema version | Payload | Meaning |', '| --- | --- | --- | --- |');
    for (const event of EVENT_CATALOGUE.filter((definition) => definition.topic === topic)) {
      lines.push(`| \`${event.type}\` | ${event.schemaVersion} | \`${event.payload.name}\` | ${event.summary} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
