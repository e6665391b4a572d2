import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Consumer, type EachBatchPayload, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type EventDefinition,
  type EventEnvelope,
  eventsOnTopic,
  ReportAccepted,
  ReportingDeadlineMissed,
  TOPICS,
} from '@redmet/contracts';
import {
  ConsumerEnvironment,
  consumerGroupOf,
  createKafka,
  MESSAGING_OPTIONS,
  type MessagingOptions,
} from '@redmet/messaging';
import { DeadlineProjection } from '../reports/deadline-projection';
import { ReportProjection } from '../reports/report-projection';
import { BUDGET_EVENTS, SubsidyProjection } from '../subsidy/subsidy.projection';
import { createIndexes, dropSecondaryIndexes } from './deferred-indexes';
import { EventHandlers } from './event-handlers';
import { catalogueIndexes, ParserThread } from './event-parsing';

type Apply = (manager: EntityManager, events: never[]) => Promise<unknown>;

interface Binding {
  definition: EventDefinition;
  apply: Apply;
}

interface Applicable {
  event: EventEnvelope;
  offset: string;
  apply: Apply;
}

/** The tables a replay fills with most rows, whose secondary indexes it builds at the end. */
export const BULK_TABLES = ['report_version', 'report_line_fact', 'output_month'];
/** Of those, the ones the aggregates' recompute writes (the others it only reads). */
const AGGREGATE_TABLES = ['output_month'];

/** Per topic and partition: the offset to reach (the next one to read). */
export type Offsets = Map<string, Map<number, bigint>>;

export interface ReplayResult {
  messages: number;
  /** From the first batch received (the group has joined) to the last offset reached and the aggregates and indexes built. */
  seconds: number;
  /** Of those, the time spent summing the aggregates and building the indexes once every event was read. */
  finishingSeconds: number;
}

interface KafkaParts {
  consumer: Consumer;
  producer: Producer;
  heartbeat: () => Promise<void>;
}

interface ReplayParts extends KafkaParts {
  parser: ParserThread;
}

/**
 * Rebuilds projections from Kafka a batch at a time: the events of one
 * partition batch are applied together in one transaction by the same
 * set-based projection code the live consumer runs one event at a time, with
 * the inbox written for all of them at once. Report versions are only
 * recorded; the monthly aggregates and what was known day by day are summed
 * once when every partition has been read, and the bulk tables' secondary
 * indexes are built after that (the database is a fresh one that nothing
 * reads until the replay has finished, and a failed rebuild drops it).
 * Whatever does not fit that path (registry topics, a message that does not
 * parse, a batch that fails) goes through the live consumer's own handler,
 * one message at a time, with its retries and dead-lettering.
 */
@Injectable()
export class ProjectionReplayer {
  private readonly logger = new Logger(ProjectionReplayer.name);
  private readonly fast: Map<string, Map<string, Binding>>;
  private readonly groupId: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: ConsumerEnvironment,
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
      [TOPICS.subsidyBudget.name, bind(BUDGET_EVENTS, (m, e) => subsidy.applyBudgets(m, e))],
    ]);
  }

  /** Consumes with the service's consumer group until every partition listed has reached `until`; returns the messages read. */
  async replay(until: Offsets): Promise<ReplayResult> {
    if (until.size === 0) return { messages: 0, seconds: 0, finishingSeconds: 0 };
    const kafka = createKafka(this.environment, `${this.groupId}-replayer`);
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.environment.KAFKA_SESSION_TIMEOUT_MS,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const parser = new ParserThread(
      Object.fromEntries(
        [...this.fast].map(([topic, bindings]) => [
          topic,
          catalogueIndexes([...bindings.values()].map((binding) => binding.definition)),
        ]),
      ),
    );
    const position: Offsets = new Map([...until.keys()].map((topic) => [topic, new Map()]));
    const reached = () =>
      [...until].every(([topic, ends]) =>
        [...ends].every(([partition, end]) => (position.get(topic)?.get(partition) ?? -1n) >= end),
      );
    let read = 0;
    let started: bigint | undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const deferred = await dropSecondaryIndexes(this.dataSource, BULK_TABLES);
    await Promise.all([consumer.connect(), producer.connect()]);
    try {
      await parser.start();
      // Every topic the service consumes, so that the group's offsets are complete when the service takes it over.
      await consumer.subscribe({ topics: this.handlers.topics(), fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.environment.KAFKA_PARTITIONS_CONCURRENTLY,
        eachBatch: async (payload) => {
          started ??= process.hrtime.bigint();
          const count = await this.batch(payload, { consumer, producer, heartbeat: payload.heartbeat, parser });
          read += count;
          position.get(payload.batch.topic)?.set(payload.batch.partition, BigInt(payload.batch.lastOffset()) + 1n);
          if (reached()) finish();
        },
      });
      if (!reached()) await finished;
      const finishing = process.hrtime.bigint();
      const [aggregates, facts] = partition(deferred, ({ table }) => AGGREGATE_TABLES.includes(table));
      // The facts' indexes are built while the aggregates are summed from the facts, on the other core.
      await Promise.all([
        this.summing((manager) => this.reports.recomputeAggregates(manager)).then(() =>
          createIndexes(this.dataSource, aggregates),
        ),
        createIndexes(this.dataSource, facts).then(() =>
          this.summing((manager) => this.reports.recomputeKnowledge(manager)),
        ),
      ]);
      const end = process.hrtime.bigint();
      return {
        messages: read,
        seconds: Number(end - (started ?? end)) / 1e9,
        finishingSeconds: Number(end - finishing) / 1e9,
      };
    } finally {
      await Promise.all([consumer.disconnect(), producer.disconnect(), parser.close()]);
    }
  }

  /**
   * A sum over every fact, with the memory to sort and group them in: with
   * the default (4 MB) PostgreSQL sorts a hundred thousand lines on disk.
   */
  private summing(sum: (manager: EntityManager) => Promise<void>): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      await sum(manager);
    });
  }

  private async batch(
    { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }: EachBatchPayload,
    { parser, ...kafka }: ReplayParts,
  ): Promise<number> {
    const bindings = this.fast.get(batch.topic);
    const one = (message: KafkaMessage) => this.handlers.handle(batch.topic, batch.partition, message, kafka);
    if (!bindings) {
      for (const message of batch.messages) {
        await one(message);
        resolveOffset(message.offset);
      }
    } else if (batch.messages.length > 0) {
      const parsed: Applicable[] = [];
      const others: KafkaMessage[] = [];
      const events = await parser.parse(
        batch.topic,
        batch.messages.map((message) => message.value?.toString('utf8') ?? ''),
      );
      for (const [index, message] of batch.messages.entries()) {
        const event = events[index];
        if (event === 'not-handled') continue;
        const binding = event && bindings.get(event.type);
        if (event && binding) parsed.push({ event, offset: message.offset, apply: binding.apply });
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

  private applyTogether(topic: string, partition: number, parsed: Applicable[]): Promise<boolean> {
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

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
