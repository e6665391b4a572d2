import type { EventDefinition } from './event-definition';
import * as gateway from './gateway';
import * as monitoring from './monitoring';
import * as registry from './registry';
import * as reporting from './reporting';
import * as subsidy from './subsidy';

function definitionsIn(module: Record<string, unknown>): EventDefinition[] {
  return Object.values(module).filter(
    (value): value is EventDefinition =>
      typeof value === 'object' && value !== null && 'topic' in value && 'payload' in value && 'type' in value,
  );
}

/** Every event type the platform publishes; the AsyncAPI document is generated from this list. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...definitionsIn(registry),
  ...definitionsIn(reporting),
  ...definitionsIn(subsidy),
  ...definitionsIn(monitoring),
  ...definitionsIn(gateway),
];

export function eventsOnTopic(topicName: string): EventDefinition[] {
  return EVENT_CATALOGUE.filter((definition) => definition.topic.name === topicName);
}
