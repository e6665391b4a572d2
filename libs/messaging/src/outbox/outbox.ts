import { Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventDefinition, type EventEnvelope, parsePayload } from '@redmet/contracts';
import { currentOrigin } from '@redmet/platform';

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

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that
 * transaction commits, and then certainly (the relay retries until it does).
 */
@Injectable()
export class Outbox {
  async add<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
  ): Promise<EventEnvelope<P>> {
    const event = createEvent(definition, aggregateId, payload, currentOrigin());
    const checked = parsePayload(event, definition);
    if (!checked.ok) {
      // A producer breaking its own contract is a bug: fail the transaction rather than publish it.
      throw new Error(`${definition.type} does not match its contract: ${checked.errors.join('; ')}`);
    }
    // Plain SQL: this runs inside every command of every service, and the query builder costs more than the insert.
    await manager.query(
      `INSERT INTO outbox_message (event_id, topic, message_key, event_type, envelope, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        event.eventId,
        definition.topic.name,
        aggregateId,
        definition.type,
        JSON.stringify(event),
        JSON.stringify(headersOf(event)),
      ],
    );
    return event;
  }
}
