import { createHash } from 'node:crypto';
import { createEvent, type EventEnvelope } from '../envelope';
import type { EventDefinition } from '../event-definition';
import { GATEWAY_SAMPLES } from './gateway.samples';
import { MONITORING_SAMPLES } from './monitoring.samples';
import { REGISTRY_SAMPLES } from './registry.samples';
import { REPORTING_SAMPLES } from './reporting.samples';
import { type Sample, sampleKey } from './sample';
import { SUBSIDY_SAMPLES } from './subsidy.samples';

/**
 * A valid payload for every event type in EVENT_CATALOGUE, with realistic data
 * (DOMAIN.md), one file per domain. Contract tests, consumers' tests and the
 * AsyncAPI examples start from these; a new event type without a sample fails
 * the contract tests.
 */
const SAMPLES: ReadonlyMap<string, Sample> = new Map([
  ...REGISTRY_SAMPLES,
  ...REPORTING_SAMPLES,
  ...SUBSIDY_SAMPLES,
  ...MONITORING_SAMPLES,
  ...GATEWAY_SAMPLES,
]);

function sampleFor(definition: EventDefinition): Sample {
  const found = SAMPLES.get(sampleKey(definition));
  if (!found)
    throw new Error(`no sample for ${sampleKey(definition)}: add one to libs/contracts/src/testing/sample-events.ts`);
  return found;
}

/** A fresh copy of the sample payload of an event type, safe to change in a test. */
export function samplePayload<P extends object>(definition: EventDefinition<P>): P {
  return structuredClone(sampleFor(definition).payload) as P;
}

/** Stable per event type, so generated documents do not change from run to run. */
function sampleEventId(definition: EventDefinition): string {
  const hex = createHash('sha256').update(sampleKey(definition)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const SAMPLE_OCCURRED_AT = '2026-03-02T09:30:00.000Z';
export const SAMPLE_CORRELATION_ID = 'req-7f3a9c2e';

/**
 * A complete, valid event as a producer would write it (built by `createEvent`),
 * with fixed ids and time; pass `overrides` to vary the envelope.
 */
export function sampleEvent<P extends object>(
  definition: EventDefinition<P>,
  overrides: Partial<EventEnvelope<P>> = {},
): EventEnvelope<P> {
  const origin = { correlationId: SAMPLE_CORRELATION_ID, causationId: null };
  const { aggregateId } = sampleFor(definition);
  const event = createEvent(definition, aggregateId, samplePayload(definition), origin, new Date(SAMPLE_OCCURRED_AT));
  return { ...event, eventId: sampleEventId(definition), ...overrides };
}
