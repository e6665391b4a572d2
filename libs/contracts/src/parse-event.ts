import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { passesContract } from './contract-check';
import { EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';

export type ParseResult<P extends object> = { ok: true; event: EventEnvelope<P> } | { ok: false; errors: string[] };

/** Flattens class-validator's tree into `path: message` lines a human can act on. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/**
 * Checks the envelope of anything read from Kafka. Tolerant reader: unknown fields
 * are kept and ignored, never rejected, so producers can add fields first.
 */
export function parseEnvelope(raw: unknown): ParseResult<object> {
  return walkable('envelope', () => checkEnvelope(raw));
}

function checkEnvelope(raw: unknown): ParseResult<object> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['message value must be a JSON object (the event envelope)'] };
  }
  if (passesContract(EventEnvelope, raw)) return { ok: true, event: raw as EventEnvelope };
  // The payload is left as read: parsePayload transforms it into its own class, and copying it here
  // too cost a third of the time spent parsing a message.
  const { payload, ...fields } = raw as Record<string, unknown>;
  const envelope = readAs(EventEnvelope, fields);
  if (typeof envelope === 'string') return { ok: false, errors: [`envelope: ${envelope}`] };
  envelope.payload = payload as object;
  const errors = describeValidationErrors(validateSync(envelope, { forbidUnknownValues: false }));
  return errors.length ? { ok: false, errors } : { ok: true, event: envelope };
}

export function parsePayload<P extends object>(
  envelope: EventEnvelope<object>,
  definition: EventDefinition<P>,
): ParseResult<P> {
  return walkable('payload', () => checkPayload(envelope, definition));
}

/**
 * The checks walk a value recursively, as class-validator does: one nested
 * thousands of arrays deep overflows the stack. Such a value is invalid, and
 * must be refused with a reason rather than crash (and block) its consumer.
 */
function walkable<P extends object>(what: string, check: () => ParseResult<P>): ParseResult<P> {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, errors: [`${what}: nested too deeply to be checked (${error.message})`] };
  }
}

function checkPayload<P extends object>(
  envelope: EventEnvelope<object>,
  definition: EventDefinition<P>,
): ParseResult<P> {
  // A valid event keeps the plain payload it arrived with; only an invalid one is transformed, to name what is wrong.
  if (passesContract(definition.payload, envelope.payload)) return { ok: true, event: envelope as EventEnvelope<P> };
  const payload = readAs(definition.payload, envelope.payload);
  if (typeof payload === 'string') return { ok: false, errors: [`payload: ${payload}`] };
  const errors = describeValidationErrors(validateSync(payload, { forbidUnknownValues: false }), 'payload');
  return errors.length ? { ok: false, errors } : { ok: true, event: { ...envelope, payload } };
}

/**
 * The value as an instance of its class, or why it cannot be one:
 * class-transformer throws on some shapes JSON allows (an unknown field
 * holding `{"constructor": "x"}`), and such a message must be refused with
 * a reason, not crash its consumer.
 */
function readAs<T extends object>(target: new () => T, value: unknown): T | string {
  try {
    return plainToInstance(target, value);
  } catch (error) {
    return `cannot be read as ${target.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
