import { randomUUID } from 'node:crypto';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { SERVICES, type ServiceName } from './services';
import type { EventDefinition } from './event-definition';

/** Correlation ids come from clients too, so they are only required to be short and printable. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The one envelope every event travels in; the Kafka key is `aggregateId`. */
export class EventEnvelope<P extends object = object> {
  @IsUUID()
  eventId: string;

  /** Past tense: `DepositRegistered`, `LicenceSuspended`. */
  @Matches(/^[A-Z][A-Za-z0-9]+$/, { message: '$property must be a PascalCase event type' })
  type: string;

  @IsInt()
  @Min(1)
  schemaVersion: number;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsIn(SERVICES)
  source: ServiceName;

  @IsString()
  @Length(1, 64)
  aggregateType: string;

  @IsString()
  @Length(1, 128)
  aggregateId: string;

  @Matches(CORRELATION_ID_PATTERN, { message: '$property must be 1-128 letters, digits or ._:-' })
  correlationId: string;

  /** The event that caused this one; null when a user's request did. */
  @IsOptional()
  @IsUUID()
  causationId: string | null;

  @IsObject()
  payload: P;
}

export interface EventOrigin {
  correlationId: string;
  causationId?: string | null;
}

export function createEvent<P extends object>(
  definition: EventDefinition<P>,
  aggregateId: string,
  payload: P,
  origin: EventOrigin,
  occurredAt: Date = new Date(),
): EventEnvelope<P> {
  return {
    eventId: randomUUID(),
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    occurredAt: occurredAt.toISOString(),
    source: definition.topic.owner,
    aggregateType: definition.topic.aggregateType,
    aggregateId,
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    payload,
  };
}
