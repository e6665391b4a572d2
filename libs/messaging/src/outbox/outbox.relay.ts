import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Message } from 'kafkajs';
import { Client } from 'pg';
import type { Counter, Histogram } from 'prom-client';
import { OUTBOX_CHANNEL } from '../database/1764300000000-create-messaging-tables';
import { KafkaConnection } from '../kafka/kafka.connection';
import { MessagingEnvironment } from '../messaging.environment';
import { METRICS } from '../messaging.metrics';

interface PendingRow {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  envelope: object;
  headers: Record<string, string>;
  created_at: Date;
}

/** Any constant works as long as every relay of one database uses the same. */
const RELAY_LOCK_KEY = 7_316_405_311;
const MAX_BACKOFF_MS = 30_000;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Publishes committed outbox rows to Kafka in id order, then marks them.
 *
 * Only one relay per database publishes at a time: the one holding a session
 * advisory lock. Others wait and take over when its connection goes, so two
 * instances never interleave (and reorder) one aggregate's events. A crash
 * after Kafka acknowledged but before the row was marked re-sends the row;
 * consumers drop the duplicate by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private client?: Client;
  private leading = false;
  private notified = false;
  private wake?: () => void;
  private lastCleanup = 0;

  constructor(
    private readonly environment: MessagingEnvironment,
    private readonly kafka: KafkaConnection,
    @InjectMetric(METRICS.published) private readonly published: Counter<string>,
    @InjectMetric(METRICS.publishLatency) private readonly latency: Histogram<string>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.environment.OUTBOX_RELAY_ENABLED) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runUntilStopped();
  }

  /** Waits for the batch in flight, but not forever: while Kafka is down the producer retries endlessly. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
    this.loop = undefined;
  }

  /** True while this instance holds the lock and publishes. */
  get isLeader(): boolean {
    return this.leading;
  }

  private async runUntilStopped(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (await this.tryToLead()) {
          failures = 0;
          await this.publishWhileLeading();
        } else {
          await this.idle(this.environment.OUTBOX_POLL_INTERVAL_MS);
        }
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error, failures }, 'outbox relay interrupted; retrying');
        await this.disconnect();
        await this.idle(Math.min(MAX_BACKOFF_MS, 200 * 2 ** failures));
      }
    }
    await this.disconnect();
  }

  /** A standby keeps its session and asks for the lock again each poll interval. */
  private async tryToLead(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
    if (!rows[0].locked) return false;
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.leading = true;
    this.logger.log('outbox relay is publishing (leader)');
    return true;
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.environment.DATABASE_URL, connectionTimeoutMillis: 5000 });
    client.on('error', (error) => this.logger.warn({ err: error }, 'outbox relay connection error'));
    client.on('notification', () => this.signal());
    client.on('end', () => this.signal());
    await client.connect();
    this.client = client;
    return client;
  }

  private async publishWhileLeading(): Promise<void> {
    while (this.running) {
      const client = this.client;
      if (!client) return;
      this.notified = false;
      const published = await this.publishBatch(client);
      await this.cleanUpPeriodically(client);
      if (published < this.environment.OUTBOX_BATCH_SIZE) await this.idle(this.environment.OUTBOX_POLL_INTERVAL_MS);
    }
  }

  private async publishBatch(client: Client): Promise<number> {
    const { rows } = await client.query<PendingRow>(
      `SELECT id, topic, message_key, event_type, envelope, headers, created_at
         FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [this.environment.OUTBOX_BATCH_SIZE],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    try {
      await this.kafka.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
    } catch (error) {
      await client.query('UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)', [
        ids,
        String(error),
      ]);
      throw error;
    }
    await client.query('UPDATE outbox_message SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)', [ids]);
    const now = Date.now();
    for (const row of rows) {
      this.published.inc({ topic: row.topic, type: row.event_type });
      this.latency.observe({ topic: row.topic }, (now - row.created_at.getTime()) / 1000);
    }
    return rows.length;
  }

  private async cleanUpPeriodically(client: Client): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await client.query(`DELETE FROM outbox_message WHERE published_at < now() - make_interval(days => $1)`, [
      this.environment.OUTBOX_RETENTION_DAYS,
    ]);
  }

  private signal(): void {
    this.notified = true;
    this.wake?.();
  }

  /** Waits for a NOTIFY, the poll interval, or stop, whichever comes first. */
  private async idle(ms: number): Promise<void> {
    if (this.notified || !this.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.leading = false;
    // Closing the session releases the advisory lock for a standby relay.
    await client?.end().catch(() => undefined);
  }
}

/** Keeps each topic's rows in id order; the producer keeps that order per partition. */
function groupByTopic(rows: PendingRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: JSON.stringify(row.envelope), headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}
