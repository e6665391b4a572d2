// Payload classes use decorator metadata (class-transformer's @Type); load the polyfill with them.
import 'reflect-metadata';
import type { TopicDefinition } from './topics';

export type PayloadClass<P extends object> = new () => P;

/** Everything a producer, a consumer and the AsyncAPI document need to know about one event type. */
export interface EventDefinition<P extends object = object> {
  topic: TopicDefinition;
  type: string;
  /** Raised for additive changes only; tolerant readers ignore fields they do not know. */
  schemaVersion: number;
  payload: PayloadClass<P>;
  summary: string;
}

export function defineEvent<P extends object>(definition: EventDefinition<P>): EventDefinition<P> {
  return Object.freeze(definition);
}

/** `defineEvent` for the events of one topic, which share its schema version. */
export function topicEvents(topic: TopicDefinition, schemaVersion: number) {
  return <P extends object>(type: string, payload: PayloadClass<P>, summary: string): EventDefinition<P> =>
    defineEvent({ topic, type, schemaVersion, payload, summary });
}
