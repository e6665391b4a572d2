import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { IHeaders } from 'kafkajs';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { PinoLogger } from 'nestjs-pino';
import type { Counter, Histogram } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { type EventDefinition, type EventEnvelope, parseEnvelope, parsePayload } from '@redmet/contracts';
import { runWithOrigin } from '@redmet/platform';
import { ConsumerEnvironment } from '../consumer.environment';
import { heartbeatIntervalOf } from '../kafka/consumer-transport';
import { METRICS } from '../messaging.metrics';
import { consumerGroupOf, MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { isTransientInfrastructureError, PoisonEventError } from './consumer.errors';
import { type DeadLetterReason, DeadLetterPublisher } from './dead-letter.publisher';

export interface EventBinding<P extends object = object> {
  definition: EventDefinition<P>;
  /** Applies the event inside `manager`'s transaction; may run more than once if it throws. */
  apply(event: EventEnvelope<P>, manager: EntityManager): Promise<void>;
  /** Set when the handler is set-based: events of other partitions that arrive together commit together. */
  applyAll?(events: EventEnvelope<P>[], manager: EntityManager): Promise<void>;
}

export function on<P extends object>(
  definition: EventDefinition<P>,
  apply: (event: EventEnvelope<P>, manager: EntityManager) => Promise<void>,
): EventBinding<P> {
  return { definition, apply } as EventBinding<P>;
}

/**
 * A binding whose handler takes many events at once. Events that arrive while
 * the previous group is committing (from other partitions: one partition has
 * one message in flight) are applied in one transaction, so a busy consumer
 * pays for one commit, one inbox write and one pass of set-based SQL per
 * group instead of per event. An idle one still commits each event at once.
 * Events the handler causes take the origin (correlation and causation ids)
 * of the group's first event.
 */
export function onEach<P extends object>(
  definition: EventDefinition<P>,
  applyAll: (events: EventEnvelope<P>[], manager: EntityManager) => Promise<void>,
): EventBinding<P> {
  return { definition, apply: (event, manager) => applyAll([event], manager), applyAll } as EventBinding<P>;
}

type Outcome = 'applied' | 'duplicate' | 'ignored';

interface Waiting {
  context: KafkaContext;
  binding: EventBinding;
  event: EventEnvelope;
  /** Runs in the event's own context: its origin (correlation, causation), log fields and trace span. */
  inContext: <R>(work: () => R) => R;
  settle(outcome: Promise<Outcome | Rejected>): void;
}

class Rejected {
  constructor(
    readonly reason: DeadLetterReason,
    readonly errors: string[],
    readonly attempts = 0,
  ) {}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The error policy Nest's Kafka transport lacks (a throwing handler there
 * blocks its partition forever): every message either takes effect exactly
 * once, or lands on the dead-letter topic; only an infrastructure outage makes
 * it wait, and then it is redelivered, never skipped.
 *
 * Call it from an `@EventPattern(topic)` handler with the bindings for that topic.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly consumerGroup: string;
  private waiting: Waiting[] = [];
  private committing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly environment: ConsumerEnvironment,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @InjectMetric(METRICS.consumed) private readonly consumed: Counter<string>,
    @InjectMetric(METRICS.handling) private readonly handling: Histogram<string>,
    private readonly pino: PinoLogger,
  ) {
    this.consumerGroup = consumerGroupOf(environment, options);
  }

  async consume(context: KafkaContext, bindings: EventBinding[]): Promise<void> {
    const topic = context.getTopic();
    const stopTimer = this.handling.startTimer({ topic });
    const parent = propagation.extract(ROOT_CONTEXT, textHeaders(context.getMessage().headers));
    await tracer.startActiveSpan(
      `${topic} process`,
      { kind: SpanKind.CONSUMER, attributes: spanAttributes(context) },
      parent,
      async (span) => {
        try {
          const result = await this.process(context, bindings);
          if (result instanceof Rejected) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.reason });
            await this.deadLetter(context, result);
          }
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          throw error;
        } finally {
          span.end();
          stopTimer();
        }
      },
    );
  }

  private async process(context: KafkaContext, bindings: EventBinding[]): Promise<Outcome | Rejected> {
    const decoded = decodeJson(context.getMessage().value);
    if (decoded instanceof Rejected) return decoded;
    const envelope = parseEnvelope(decoded);
    if (!envelope.ok) return new Rejected('invalid-envelope', envelope.errors);
    // A UUID may come in either case, and the inbox gives back lower case (the group commit matches
    // its ids against what it inserted): handlers, logs and the inbox see that one spelling.
    envelope.event.eventId = envelope.event.eventId.toLowerCase();
    const binding = bindings.find((candidate) => candidate.definition.type === envelope.event.type);
    if (!binding) {
      // Tolerant reader: a new event type on a known topic is not an error for consumers that do not need it.
      this.consumed.inc({ topic: context.getTopic(), type: envelope.event.type, outcome: 'ignored' });
      return 'ignored';
    }
    const parsed = parsePayload(envelope.event, binding.definition);
    if (!parsed.ok) return new Rejected('invalid-payload', parsed.errors);
    const event = parsed.event;
    // Every log line of the handler carries the event's correlation id, like those of an HTTP request.
    const logFields = { correlationId: event.correlationId, causationId: event.eventId, eventType: event.type };
    return this.pino.runInContext(
      () =>
        runWithOrigin({ correlationId: event.correlationId, causationId: event.eventId }, async () => {
          const outcome = await (binding.applyAll
            ? this.applyInGroup(context, binding, event)
            : this.applyWithRetries(context, binding, event));
          this.logger.debug(
            { topic: context.getTopic(), outcome: outcome instanceof Rejected ? 'rejected' : outcome },
            'event handled',
          );
          return outcome;
        }),
      { bindings: logFields },
    );
  }

  private async applyWithRetries(
    context: KafkaContext,
    binding: EventBinding,
    event: EventEnvelope,
  ): Promise<Outcome | Rejected> {
    const maxAttempts = this.environment.CONSUMER_MAX_ATTEMPTS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.applyOnce(context, binding, event);
        this.consumed.inc({ topic: context.getTopic(), type: event.type, outcome });
        return outcome;
      } catch (error) {
        const fields = {
          err: error,
          attempt,
          eventId: event.eventId,
          type: event.type,
          correlationId: event.correlationId,
        };
        if (error instanceof PoisonEventError) return new Rejected('poison', [error.message], attempt);
        if (attempt >= maxAttempts) {
          if (isTransientInfrastructureError(error)) {
            this.logger.error(fields, 'infrastructure unavailable; leaving the event for redelivery');
            throw error;
          }
          return new Rejected(
            'handler-failed',
            [String(error instanceof Error ? (error.stack ?? error.message) : error)],
            attempt,
          );
        }
        this.logger.warn(fields, 'event handler failed; retrying');
        await this.backOff(context, this.environment.CONSUMER_RETRY_BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }

  /**
   * Heartbeats all along the pause: the group takes a member silent for longer
   * than KAFKA_SESSION_TIMEOUT_MS for dead, and a late retry's backoff can be longer.
   */
  private async backOff(context: KafkaContext, ms: number): Promise<void> {
    const heartbeat = context.getHeartbeat();
    const slice = heartbeatIntervalOf(this.environment);
    for (let left = ms; left > 0; left -= slice) {
      await heartbeat();
      await sleep(Math.min(slice, left));
    }
  }

  private applyInGroup(
    context: KafkaContext,
    binding: EventBinding,
    event: EventEnvelope,
  ): Promise<Outcome | Rejected> {
    return new Promise((resolve, reject) => {
      const inContext = AsyncLocalStorage.snapshot();
      this.waiting.push({ context, binding, event, inContext, settle: (outcome) => outcome.then(resolve, reject) });
      if (!this.committing) void this.commitWaiting();
    });
  }

  /** Group commit: whatever waits when a commit ends is the next group. */
  private async commitWaiting(): Promise<void> {
    this.committing = true;
    try {
      // Let the other partitions' messages of the same fetch join the first group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const group = this.waiting;
        this.waiting = [];
        // Not in the context this loop started in, which is an earlier group's first event.
        await group[0].inContext(() => this.commitGroup(group));
      }
    } finally {
      this.committing = false;
    }
  }

  /**
   * One transaction for the group; if it fails, each event goes its own way
   * with the usual retries and dead-lettering, so one poison event costs the
   * others only a second try.
   */
  private async commitGroup(group: Waiting[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        const inserted: { event_id: string }[] = await manager.query(
          `INSERT INTO processed_event (consumer, event_id, topic, partition, "offset")
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::bigint[])
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [
            this.consumerGroup,
            group.map(({ event }) => event.eventId),
            group.map(({ context }) => context.getTopic()),
            group.map(({ context }) => context.getPartition()),
            group.map(({ context }) => context.getMessage().offset),
          ],
        );
        const unapplied = new Set(inserted.map((row) => row.event_id));
        const fresh = group.map(({ event }) => unapplied.delete(event.eventId));
        // Bindings are built per message; those of one type share a handler, so the first applies them all.
        const byType = new Map<string, { binding: EventBinding; events: EventEnvelope[] }>();
        group.forEach(({ binding, event }, i) => {
          if (!fresh[i]) return;
          const entry = byType.get(event.type) ?? { binding, events: [] };
          entry.events.push(event);
          byType.set(event.type, entry);
        });
        for (const { binding, events } of byType.values()) {
          await (binding.applyAll as NonNullable<EventBinding['applyAll']>)(events, manager);
        }
        return fresh.map((applied): Outcome => (applied ? 'applied' : 'duplicate'));
      });
    } catch (error) {
      if (group.length > 1) this.logger.warn({ err: error, events: group.length }, 'group commit failed; one by one');
      for (const { context, binding, event, inContext, settle } of group) {
        settle(inContext(() => this.applyWithRetries(context, binding, event)));
      }
      return;
    }
    group.forEach(({ context, event, settle }, i) => {
      this.consumed.inc({ topic: context.getTopic(), type: event.type, outcome: outcomes[i] });
      settle(Promise.resolve(outcomes[i]));
    });
  }

  /** The inbox row and the handler's effects commit together, so a redelivered event finds its row and does nothing. */
  private applyOnce(context: KafkaContext, binding: EventBinding, event: EventEnvelope): Promise<Outcome> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_event (consumer, event_id, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumerGroup, event.eventId, context.getTopic(), context.getPartition(), context.getMessage().offset],
      );
      if (inserted.length === 0) return 'duplicate';
      await binding.apply(event, manager);
      return 'applied';
    });
  }

  private async deadLetter(context: KafkaContext, rejected: Rejected): Promise<void> {
    const message = context.getMessage();
    const error = rejected.errors.join('; ');
    await this.deadLetters.publish({
      topic: context.getTopic(),
      partition: context.getPartition(),
      message,
      consumerGroup: this.consumerGroup,
      reason: rejected.reason,
      error,
      attempts: rejected.attempts,
    });
    this.logger.error(
      {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: message.offset,
        reason: rejected.reason,
        error,
      },
      'event sent to the dead-letter topic',
    );
  }
}

const tracer = trace.getTracer('redmet-messaging');

/** Header values as text, for the trace context propagator. */
function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) result[name] = String(value);
  return result;
}

function spanAttributes(context: KafkaContext) {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': context.getTopic(),
    'messaging.kafka.destination.partition': context.getPartition(),
    'messaging.kafka.message.offset': Number(context.getMessage().offset),
  };
}

function decodeJson(value: Buffer | null): unknown {
  if (value === null) return new Rejected('malformed-json', ['message has no value']);
  try {
    return JSON.parse(value.toString('utf8')) as unknown;
  } catch (error) {
    return new Rejected('malformed-json', [`message value is not JSON: ${(error as Error).message}`]);
  }
}
