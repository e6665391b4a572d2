import { HttpStatus, Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventDefinition, type EventEnvelope, parsePayload } from '@redmet/contracts';
import { currentOrigin, DomainError, groupInsertsOf, insertRows } from '@redmet/platform';
import { MessagingEnvironment } from '../messaging.environment';

export const EVENT_HEADERS = {
  eventId: 'x-event-id',
  eventType: 'x-event-type',
  schemaVersion: 'x-schema-version',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
} as const;

function headersOf(event: EventEnvelope): Record<string, string> {
  // The W3C trace context of the command that wrote the event (nothing when tracing is off),
  // so the consumer's work joins the same trace however late the relay publishes it.
  const trace: Record<string, string> = {};
  propagation.inject(context.active(), trace);
  return {
    ...trace,
    [EVENT_HEADERS.eventId]: event.eventId,
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.correlationId]: event.correlationId,
    ...(event.causationId ? { [EVENT_HEADERS.causationId]: event.causationId } : {}),
    'content-type': 'application/json',
  };
}

/** One event to record: build it with `outboxEvent`, which ties the payload's type to its definition. */
export interface OutboxEvent<P extends object = object> {
  definition: EventDefinition<P>;
  aggregateId: string;
  payload: P;
}

export function outboxEvent<P extends object>(
  definition: EventDefinition<P>,
  aggregateId: string,
  payload: P,
): OutboxEvent<P> {
  return { definition, aggregateId, payload };
}

const OUTBOX_INTO = 'outbox_message (event_id, topic, message_key, event_type, envelope, headers)';

/**
 * Records events in the caller's transaction. They reach Kafka only if that
 * transaction commits, and then certainly (the relay retries until it does).
 */
@Injectable()
export class Outbox {
  constructor(private readonly environment: MessagingEnvironment) {}

  async add<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
  ): Promise<EventEnvelope<P>> {
    const [event] = await this.addAll(manager, [outboxEvent(definition, aggregateId, payload)]);
    return event as EventEnvelope<P>;
  }

  /**
   * Several events in one statement (one round trip however many), in the
   * order given: outbox ids, and so publication, follow it.
   */
  async addAll(manager: EntityManager, events: readonly OutboxEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const origin = currentOrigin();
    const rows: unknown[][] = [];
    const envelopes = events.map(({ definition, aggregateId, payload }) => {
      const event = createEvent(definition, aggregateId, payload, origin);
      const checked = parsePayload(event, definition);
      if (!checked.ok) {
        // A producer breaking its own contract is a bug: fail the transaction rather than publish it.
        throw new Error(`${definition.type} does not match its contract: ${checked.errors.join('; ')}`);
      }
      const envelope = JSON.stringify(event);
      const headers = JSON.stringify(headersOf(event));
      const bytes = jsonbTextBytes(envelope) + Buffer.byteLength(aggregateId) + Buffer.byteLength(headers);
      if (bytes > this.environment.OUTBOX_EVENT_MAX_BYTES) {
        throw eventTooLarge(definition.type, bytes, this.environment.OUTBOX_EVENT_MAX_BYTES);
      }
      rows.push([event.eventId, definition.topic.name, aggregateId, definition.type, envelope, headers]);
      return event;
    });
    const group = groupInsertsOf(manager);
    // Nothing in a transaction reads the outbox back: a group writes all its units' events in one statement.
    if (group) group.append(OUTBOX_INTO, rows);
    else await insertRows(manager, OUTBOX_INTO, rows);
    return envelopes;
  }
}

const [QUOTE, BACKSLASH, COLON, COMMA] = ['"', '\\', ':', ','].map((character) => character.charCodeAt(0));

/**
 * Bytes of the text PostgreSQL gives back for compact JSON stored as jsonb,
 * which is what the relay sends (`envelope::text`): jsonb writes a space
 * after every `:` and `,` between values. A number JSON.stringify writes with
 * an exponent (below 1e-6, such as a coordinate's) comes back a few bytes
 * longer; the limit's room below Kafka's leaves space for that.
 */
export function jsonbTextBytes(json: string): number {
  let separators = 0;
  let inString = false;
  for (let index = 0; index < json.length; index += 1) {
    const code = json.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === COLON || code === COMMA) separators += 1;
  }
  return Buffer.byteLength(json) + separators;
}

/**
 * Refused when the change is made: once in the outbox, an event the broker
 * will not take would hold up every event behind it on the relay.
 */
function eventTooLarge(type: string, bytes: number, limit: number): DomainError {
  return new DomainError(
    'EVENT.TOO_LARGE',
    `This change is too large to publish: its ${type} event would take ${bytes} bytes, more than the ${limit} ` +
      'an event may take. Make it in smaller parts.',
    HttpStatus.PAYLOAD_TOO_LARGE,
  );
}
