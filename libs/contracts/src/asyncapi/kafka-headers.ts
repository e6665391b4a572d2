import type { EventEnvelope } from '../envelope';
import type { JsonSchema } from './payload-schemas';

// Header names as libs/messaging writes them (outbox.ts EVENT_HEADERS, dead-letter.publisher.ts DLQ_HEADERS).
// Contracts may not import messaging; moving both constants into contracts would remove this copy.

/** What a producer sets on every event: copies of envelope fields, so nobody must parse the value to route. */
export const EVENT_HEADERS = ['x-event-id', 'x-event-type', 'x-schema-version', 'x-correlation-id', 'x-causation-id'];

/** What a consumer adds when it parks a message on `<topic>.dlq`, and what each means. */
export const DEAD_LETTER_HEADERS = {
  'x-dlq-original-topic': 'The topic the message was read from.',
  'x-dlq-original-partition': 'Its partition, in decimal.',
  'x-dlq-original-offset': 'Its offset, in decimal.',
  'x-dlq-consumer-group': 'The consumer group that gave up on it.',
  'x-dlq-error': 'What went wrong (at most 4000 characters); for a contract violation, the `path: message` lines.',
  'x-dlq-error-kind':
    'Why: `malformed-json`, `invalid-envelope` or `invalid-payload` (parked at once), `poison` (the handler ' +
    'declared it inapplicable) or `handler-failed` (still failing after the bounded retries).',
  'x-dlq-failed-at': 'When it was parked (ISO 8601, UTC).',
  'x-dlq-attempts': 'How many times the handler ran, in decimal (0 when it never got that far).',
} as const;

const DECIMAL_HEADERS = new Set(['x-dlq-original-partition', 'x-dlq-original-offset', 'x-dlq-attempts']);

/** The headers of an event as the outbox writes them (an AsyncAPI example). */
export function eventHeadersOf(event: EventEnvelope): Record<string, string> {
  return {
    'x-event-id': event.eventId,
    'x-event-type': event.type,
    'x-schema-version': String(event.schemaVersion),
    'x-correlation-id': event.correlationId,
    ...(event.causationId ? { 'x-causation-id': event.causationId } : {}),
    'content-type': 'application/json',
  };
}

/** `EventHeaders`, `DeadLetterHeaders` and `EventKey` for components.schemas, reusing the envelope's field schemas. */
export function headerSchemas(envelope: JsonSchema): Record<string, object> {
  const field = (name: string, description: string) => ({ ...envelope.properties?.[name], description });
  const decimal = (description: string) => ({ type: 'string', pattern: '^[0-9]+$', description });
  const eventHeaders = {
    'x-event-id': field('eventId', 'The envelope eventId.'),
    'x-event-type': field('type', 'The envelope type.'),
    'x-schema-version': decimal('The envelope schemaVersion.'),
    'x-correlation-id': field('correlationId', 'The envelope correlationId.'),
    'x-causation-id': { type: 'string', format: 'uuid', description: 'The envelope causationId; absent when null.' },
    'content-type': { type: 'string', const: 'application/json', description: 'The media type of the value.' },
  };
  const deadLetterHeaders = Object.fromEntries(
    Object.entries(DEAD_LETTER_HEADERS).map(([name, meaning]) => [
      name,
      DECIMAL_HEADERS.has(name) ? decimal(meaning) : { type: 'string', description: meaning },
    ]),
  );
  return {
    EventHeaders: {
      type: 'object',
      description: 'Kafka headers (UTF-8 strings) that repeat envelope fields.',
      properties: eventHeaders,
      required: EVENT_HEADERS.filter((name) => name !== 'x-causation-id'),
    },
    DeadLetterHeaders: {
      type: 'object',
      description: 'The original headers (when the message had them) plus the x-dlq-* headers.',
      properties: { ...eventHeaders, ...deadLetterHeaders },
      required: Object.keys(DEAD_LETTER_HEADERS),
    },
    EventKey: field('aggregateId', 'The envelope aggregateId: one aggregate, one partition, in order.'),
  };
}
