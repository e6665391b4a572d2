import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Consumer, type EachBatchPayload, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BudgetReleased,
  BudgetReserved,
  type EventDefinition,
  type EventEnvelope,
  eventsOnTopic,
  parseEnvelope,
  parsePayload,
  ReportAccepted,
  ReportingDeadlineMissed,
  TOPICS,
} from '@redmet/contracts';
import {
  consumerGroupOf,
  createKafka,
  MESSAGING_OPTIONS,
  MessagingEnvironment,
  type MessagingOptions,
} from '@redmet/messaging';
import { DeadlineProjection } from '../reports/deadline-projection';
import { ReportProjection } from '../reports/report-projection';
import { SubsidyProjection } from '../subsidy/subsidy.projection';
import { EventHandlers } from './event-handlers';

type Apply = (manager: EntityManager, events: never[]) => Promise<unknown>;

interface Binding {
  definition: EventDefinition;
  apply: Apply;
}

interface Parsed {
  event: EventEnvelope;
  offset: string;
  apply: Apply;
}

/** Per topic and partition: the offset to reach (the next one to read). */
export type Offsets = Map<string, Map<number, bigint>>;

export interface ReplayResult {
  messages: number;
  /** From the first batch received (the group has joined) to the last offset reached. */
  seconds: number;
}

interface KafkaParts {
  consumer: Consumer;
  producer: Producer;
  heartbeat: () => Promise<void>;
}

/**
 * Rebuilds projections from Kafka a batch at a time: the events of one
 * partition batch are applied together in one transaction by the same
 * set-based projection code the live consumer runs one event at a time, with
 * the inbox written for all of them at once. Report versions are only
 * recorded; the monthly aggregates are summed once when every partition has
 * been read. Whatever does not fit that path
 * (registry topics, a message that does not parse, a batch that fails) goes
 * through the live consumer's own handler, one message at a time, with its
 * retries and dead-lettering.
 */
@Injectable()
export class ProjectionReplayer {
  private readonly logger = new Logger(ProjectionReplayer.name);
  private readonly fast: Map<string, Map<string, Binding>>;
  private readonly groupId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: MessagingEnvironment,
    private readonly handlers: EventHandlers,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly reports: ReportProjection,
    deadlines: DeadlineProjection,
    subsidy: SubsidyProjection,
  ) {
    this.groupId = consumerGroupOf(environment, options);
    const bind = (definitions: EventDefinition[], apply: Apply) =>
      new Map(definitions.map((definition) => [definition.type, { definition, apply }]));
    this.fast = new Map([
      [TOPICS.reportingReport.name, bind([ReportAccepted], (m, e) => reports.record(m, e))],
      [TOPICS.reportingDeadline.name, bind([ReportingDeadlineMissed], (m, e) => deadlines.apply(m, e))],
      [TOPICS.subsidyClaim.name, bind(eventsOnTopic(TOPICS.subsidyClaim.name), (m, e) => subsidy.applyClaims(m, e))],
      [TOPICS.subsidyBudget.name, bind([BudgetReserved, BudgetReleased], (m, e) => subsidy.applyBudgets(m, e))],
    ]);
  }

  /** Consumes with the service's consumer group until every partition listed has reached `until`; returns the messages read. */
  async replay(until: Offsets): Promise<ReplayResult> {
    if (until.size === 0) return { messages: 0, seconds: 0 };
    const kafka = createKafka(this.environment, `${this.groupId}-replayer`);
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.environment.KAFKA_SESSION_TIMEOUT_MS,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const position: Offsets = new Map([...until.keys()].map((topic) => [topic, new Map()]));
    const reached = () =>
      [...until].every(([topic, ends]) =>
        [...ends].every(([partition, end]) => (position.get(topic)?.get(partition) ?? -1n) >= end),
      );
    let read = 0;
    let started: bigint | undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await Promise.all([consumer.connect(), producer.connect()]);
    try {
      // Every topic the service consumes, so that the group's offsets are complete when the service takes it over.
      await consumer.subscribe({ topics: this.handlers.topics(), fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.environment.KAFKA_PARTITIONS_CONCURRENTLY,
        eachBatch: async (payload) => {
          started ??= process.hrtime.bigint();
          const count = await this.batch(payload, { consumer, producer, heartbeat: payload.heartbeat });
          read += count;
          position.get(payload.batch.topic)?.set(payload.batch.partition, BigInt(payload.batch.lastOffset()) + 1n);
          if (reached()) finish();
        },
      });
      if (!reached()) await finished;
      await this.dataSource.transaction((manager) => this.reports.recomputeAggregates(manager));
      return { messages: read, seconds: Number(process.hrtime.bigint() - (started ?? process.hrtime.bigint())) / 1e9 };
    } finally {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
    }
  }

  private async batch(
    { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }: EachBatchPayload,
    kafka: KafkaParts,
  ): Promise<number> {
    const bindings = this.fast.get(batch.topic);
    const one = (message: KafkaMessage) => this.handlers.handle(batch.topic, batch.partition, message, kafka);
    if (!bindings) {
      for (const message of batch.messages) {
        await one(message);
        resolveOffset(message.offset);
      }
    } else if (batch.messages.length > 0) {
      const parsed: Parsed[] = [];
      const others: KafkaMessage[] = [];
      for (const message of batch.messages) {
        const result = parseMessage(message, bindings);
        if (result === 'not-handled') continue;
        if (result) parsed.push(result);
        else others.push(message);
      }
      const together = await this.applyTogether(batch.topic, batch.partition, parsed).catch((error: unknown) => {
        this.logger.warn({ err: error, topic: batch.topic, partition: batch.partition }, 'batch failed; one by one');
        return false;
      });
      for (const message of together ? others : batch.messages) await one(message);
      resolveOffset(batch.lastOffset());
    }
    await commitOffsetsIfNecessary();
    await heartbeat();
    return batch.messages.length;
  }

  private applyTogether(topic: string, partition: number, parsed: Parsed[]): Promise<boolean> {
    if (parsed.length === 0) return Promise.resolve(true);
    return this.dataSource.transaction(async (manager) => {
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_event (consumer, event_id, topic, partition, "offset")
         SELECT $1, event_id, $2, $3, "offset" FROM unnest($4::uuid[], $5::bigint[]) AS t(event_id, "offset")
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, topic, partition, parsed.map((p) => p.event.eventId), parsed.map((p) => p.offset)],
      );
      const unapplied = new Set(fresh.map((row) => row.event_id));
      const byApply = new Map<Apply, EventEnvelope[]>();
      for (const { event, apply } of parsed) {
        if (!unapplied.delete(event.eventId)) continue;
        byApply.set(apply, [...(byApply.get(apply) ?? []), event]);
      }
      for (const [apply, events] of byApply) await apply(manager, events as never[]);
      return true;
    });
  }
}

/** An event the fast path applies, `not-handled` for a type the service ignores, null for anything invalid. */
function parseMessage(message: KafkaMessage, bindings: Map<string, Binding>): Parsed | 'not-handled' | null {
  let raw: unknown;
  try {
    raw = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return null;
  }
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return null;
  const binding = bindings.get(envelope.event.type);
  if (!binding) return 'not-handled';
  const payload = parsePayload(envelope.event, binding.definition);
  return payload.ok ? { event: payload.event, offset: message.offset, apply: binding.apply } : null;
}
