import type { EventDefinition } from '../event-definition';

export interface Sample {
  aggregateId: string;
  payload: object;
}

export function sampleKey(definition: EventDefinition): string {
  return `${definition.topic.name} ${definition.type}`;
}

/** Typed per definition, so a sample that no longer fits its payload class does not compile. */
export function sample<P extends object>(
  definition: EventDefinition<P>,
  aggregateId: string,
  payload: P,
): [string, Sample] {
  return [sampleKey(definition), { aggregateId, payload }];
}
