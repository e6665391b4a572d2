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
  /** Kept as text: the relay forwards the stored JSON without parsing it. */
  envelope: string;
  headers: Record<string, string>;
  created_at: Date;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Any constant works as long as every relay of one database uses the same. */
const RELAY_LOCK_KEY = 7_316_405_311;
const MAX_BACKOFF_MS = 30_000;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;
/**
 * Published rows past retention deleted per statement: one statement over a
 * long backlog would hold the relay (and the marking behind it) for minutes.
 */
const CLEANUP_CHUNK_ROWS = 10_000;
/**
 * When the leader's host vanishes (power, a partition) its socket is never
 * closed, and PostgreSQL keeps the session, and with it the advisory lock, for
 * as long as TCP believes the peer is alive: about two hours with the kernel's
 * defaults. These settings, taken by the server per session, make it drop a
 * silent relay's session within about 25 s (10 s idle, then 3 probes 5 s apart;
 * unacknowledged data gives up after 20 s), so a standby takes over. They only
 * apply over TCP, as a local socket cannot lose its peer that way. Fixed rather
 * than a setting: a shorter wait would cost a healthy leader on a slow network
 * its lock, and nothing is lost meanwhile, as events only wait in the outbox.
 */
const SERVER_KEEPALIVES =
  '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=20000';
/**
 * The relay's own side of the same (its sockets send keepalives too): every
 * query of the relay is short, so one unanswered this long means the server or
 * the way to it is gone, and the relay reconnects rather than wait on a socket
 * that TCP may keep for hours.
 */
const QUERY_TIMEOUT_MS = 30_000;
/** How long ending a session may wait for the server's goodbye before the socket is dropped. */
const END_TIMEOUT_MS = 5_000;
/**
 * How long stopping waits for the batch in flight: past the producer's longest
 * retry pause (10 s), so a broker failover does not cut it off, and with the
 * HTTP drain within the 45 s grace period of the Kubernetes deployments.
 */
const STOP_TIMEOUT_MS = 15_000;
/** How far marking may fall behind sending before the relay waits for it. */
const MAX_UNMARKED_BATCHES = 4;

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
  /** Holds the advisory lock, listens for NOTIFY and reads pending rows. */
  private client?: Client;
  /** Marks rows as published, so marking overlaps the next send. */
  private marker?: Client;
  private leading = false;
  /** Sent or being sent, not yet marked: excluded from reads so they are not sent twice. */
  private readonly inFlight = new Set<string>();
  private marking: Promise<void> = Promise.resolve();
  /** Why marking last failed: its session may be gone, and every row sent meanwhile would go again. */
  private markingFailure?: unknown;
  private notified = false;
  private wake?: (notification: boolean) => void;
  private nextCleanup = 0;
  /**
   * Failed sends since a batch was last sent. Leading again is no sign of
   * health: a batch the broker refuses for good (a topic gone, a message over
   * its limit) fails after every takeover, and the pause must still grow.
   */
  private sendFailures = 0;
  /**
   * Other interruptions (the database) since a lock attempt or a poll last
   * succeeded, so that a blip an hour ago does not lengthen the pause after the next.
   */
  private connectionFailures = 0;

  constructor(
    private readonly environment: MessagingEnvironment,
    private readonly kafka: KafkaConnection,
    @InjectMetric(METRICS.published) private readonly published: Counter<string>,
    @InjectMetric(METRICS.publishLatency) private readonly latency: Histogram<string>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.environment.OUTBOX_RELAY_ENABLED) this.start();
  }

  /** Nest runs this before the shutdown of KafkaConnection, which the relay depends on: the producer outlives the relay. */
  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runUntilStopped();
  }

  /**
   * Takes no new batch and waits until the one in flight is sent and marked: a
   * batch sent but left unmarked would be sent again by the next relay. Not
   * forever, as while Kafka is down the producer retries endlessly; a batch
   * still unmarked then is that duplicate, which consumers drop.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.(false);
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      Promise.resolve(this.loop).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS, false))),
    ]);
    clearTimeout(timer);
    if (!stopped) this.logger.warn('outbox relay stopped with a batch unacknowledged; it will be sent again');
    this.loop = undefined;
  }

  /** True while this instance holds the lock and publishes. */
  get isLeader(): boolean {
    return this.leading;
  }

  private async runUntilStopped(): Promise<void> {
    while (this.running) {
      // A service that runs without the broker starts before it answers (MessagingOptions.runsWithoutBroker).
      if (!this.kafka.connected) {
        await this.idle(this.environment.OUTBOX_POLL_INTERVAL_MS);
        continue;
      }
      try {
        if (await this.tryToLead()) await this.publishWhileLeading();
        else {
          this.connectionFailures = 0;
          await this.idle(this.environment.OUTBOX_POLL_INTERVAL_MS);
        }
      } catch (error) {
        const notSent = error instanceof BatchNotSent;
        const failures = notSent ? (this.sendFailures += 1) : (this.connectionFailures += 1);
        const retryInMs = Math.min(MAX_BACKOFF_MS, 200 * 2 ** failures);
        this.logger.warn(
          { err: notSent ? error.cause : error, failures, retryInMs },
          'outbox relay interrupted; retrying',
        );
        await this.disconnect();
        await this.idle(retryInMs);
      }
    }
    await this.disconnect();
  }

  /** A standby keeps its session and asks for the lock again each poll interval. */
  private async tryToLead(): Promise<boolean> {
    const client = this.client ?? (await this.connect());
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      RELAY_LOCK_KEY,
    ]);
    if (!rows[0].locked) return false;
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.marker = await this.openConnection();
    this.leading = true;
    this.logger.log('outbox relay is publishing (leader)');
    return true;
  }

  private async connect(): Promise<Client> {
    const client = await this.openConnection();
    client.on('notification', () => this.signal());
    client.on('end', () => this.signal());
    this.client = client;
    return client;
  }

  private async openConnection(): Promise<Client> {
    const client = new Client({
      connectionString: this.environment.DATABASE_URL,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: QUERY_TIMEOUT_MS,
      options: SERVER_KEEPALIVES,
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'outbox relay connection error'));
    await client.connect();
    return client;
  }

  /**
   * Reading the next batch overlaps sending the current one; rows in flight are
   * excluded from the read, so each row is sent once per attempt, in id order.
   */
  private async publishWhileLeading(): Promise<void> {
    const { client, marker } = this;
    if (!client || !marker) return;
    const batchSize = this.environment.OUTBOX_BATCH_SIZE;
    // Rows read but left out of a batch for its size: the head of the next batch, not read again.
    let held: PendingRow[] = [];
    let pending = awaitedLater(this.fetchPending(client, batchSize));
    try {
      while (this.running) {
        await this.cleanUpPeriodically(client);
        const candidates = [...held, ...(await pending)];
        // Stopped while reading: the rows are left for whichever relay publishes next.
        if (!this.running) break;
        // Reconnect rather than send rows that could never be marked, again and again.
        if (this.markingFailure) throw this.markingFailure;
        const rows = withinBytes(candidates, this.environment.OUTBOX_BATCH_MAX_BYTES);
        held = candidates.slice(rows.length);
        if (rows.length === 0) {
          await this.idle(this.environment.OUTBOX_POLL_INTERVAL_MS, true);
          pending = awaitedLater(this.fetchPending(client, batchSize));
          continue;
        }
        // Held rows too: the next read, which overlaps the send, must not return them again.
        for (const row of candidates) this.inFlight.add(row.id);
        const sending = this.send(client, rows);
        // A short batch means the relay has caught up: lingering lets the next
        // batch fill instead of spinning on one event at a time (Kafka's linger.ms).
        const caughtUp = held.length === 0 && rows.length < batchSize;
        const limit = batchSize - held.length;
        pending = awaitedLater(
          caughtUp
            ? sleep(this.environment.OUTBOX_LINGER_MS).then(() => this.fetchPending(client, limit))
            : this.fetchPending(client, limit),
        );
        try {
          await sending;
        } catch (error) {
          for (const row of rows) this.inFlight.delete(row.id);
          throw new BatchNotSent(error);
        }
        this.sendFailures = 0;
        this.markPublished(marker, rows, new Date());
      }
    } finally {
      // Rows never sent are read again by whichever relay publishes next.
      for (const row of held) this.inFlight.delete(row.id);
    }
  }

  private async fetchPending(client: Client, limit: number): Promise<PendingRow[]> {
    this.notified = false;
    if (this.inFlight.size >= MAX_UNMARKED_BATCHES * this.environment.OUTBOX_BATCH_SIZE) await this.marking;
    // Ids first, then the rows: whatever plan the ids take, only one batch of
    // envelopes is read and serialised.
    const { rows } = await client.query<PendingRow>(
      `SELECT o.id, o.topic, o.message_key, o.event_type, o.envelope::text AS envelope, o.headers, o.created_at
         FROM (SELECT id FROM outbox_message
                WHERE published_at IS NULL AND NOT (id = ANY($2::bigint[]))
                ORDER BY id LIMIT $1) pending
         JOIN outbox_message o USING (id)
        ORDER BY o.id`,
      [limit, [...this.inFlight]],
    );
    this.connectionFailures = 0;
    return rows;
  }

  private async send(client: Client, rows: PendingRow[]): Promise<void> {
    try {
      await this.kafka.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
    } catch (error) {
      await client.query('UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)', [
        rows.map((row) => row.id),
        String(error),
      ]);
      throw error;
    }
  }

  /**
   * Marking runs on a second connection while the next batch is selected and
   * sent; published_at is when Kafka acknowledged, not when the row was marked. If it
   * fails, the rows stay unpublished and are sent again: a duplicate, which
   * consumers drop, never a loss.
   */
  private markPublished(marker: Client, rows: PendingRow[], acknowledgedAt: Date): void {
    const ids = rows.map((row) => row.id);
    for (const row of rows) {
      this.published.inc({ topic: row.topic, type: row.event_type });
      this.latency.observe({ topic: row.topic }, (acknowledgedAt.getTime() - row.created_at.getTime()) / 1000);
    }
    this.marking = this.marking.then(async () => {
      try {
        await marker.query('UPDATE outbox_message SET published_at = $2, attempts = attempts + 1 WHERE id = ANY($1)', [
          ids,
          acknowledgedAt,
        ]);
      } catch (error) {
        this.markingFailure = error;
        this.logger.warn({ err: error, rows: ids.length }, 'could not mark published rows; they will be sent again');
      } finally {
        for (const id of ids) this.inFlight.delete(id);
      }
    });
  }

  /**
   * One chunk of published rows past retention per pass of the loop, busy or
   * idle, until a chunk comes back short: under sustained load the relay is
   * never idle, and a backlog deleted between batches never stops publishing.
   */
  private async cleanUpPeriodically(client: Client): Promise<void> {
    if (Date.now() < this.nextCleanup) return;
    const { rowCount } = await client.query(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message WHERE published_at < now() - make_interval(days => $1) LIMIT $2)`,
      [this.environment.OUTBOX_RETENTION_DAYS, CLEANUP_CHUNK_ROWS],
    );
    this.nextCleanup = rowCount === CLEANUP_CHUNK_ROWS ? 0 : Date.now() + CLEANUP_EVERY_MS;
  }

  private signal(): void {
    this.notified = true;
    this.wake?.(true);
  }

  /**
   * Waits `ms` or until stop; the leader's poll (`byNotification`) also ends at
   * a NOTIFY or its session's end. Only there: a standby or a backoff woken (or
   * skipped) by a stale signal would spin on the database.
   */
  private async idle(ms: number, byNotification = false): Promise<void> {
    if (!this.running || (byNotification && this.notified)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = (notification) => {
        if (notification && !byNotification) return;
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async disconnect(): Promise<void> {
    await this.marking;
    this.markingFailure = undefined;
    const { client, marker } = this;
    this.client = undefined;
    this.marker = undefined;
    this.leading = false;
    // Closing the session releases the advisory lock for a standby relay.
    await Promise.all([client && endWithin(client), marker && endWithin(marker)]);
  }
}

/** A batch Kafka did not take, told apart from the database's failures, which have their own count. */
class BatchNotSent extends Error {
  constructor(cause: unknown) {
    super('batch not sent', { cause });
  }
}

/**
 * Ends a session politely, or drops its socket when the server does not answer:
 * one whose host vanished never will, and the relay would wait on it for as
 * long as TCP keeps the socket.
 */
async function endWithin(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    client.end().then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(resolve, END_TIMEOUT_MS, false))),
  ]);
  clearTimeout(timer);
  if (!ended) client.connection.stream.destroy();
}

/** Keeps each topic's rows in id order; the producer keeps that order per partition. */
function groupByTopic(rows: PendingRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({ key: row.message_key, value: row.envelope, headers: row.headers });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * A read started now and awaited only after the current send: if the database
 * drops meanwhile, its rejection must not count as unhandled (Node would end
 * the process); the error still reaches whoever awaits it.
 */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The first rows whose bytes stay within `maxBytes`; at least one, however large. */
function withinBytes(rows: PendingRow[], maxBytes: number): PendingRow[] {
  let bytes = 0;
  for (let count = 0; count < rows.length; count += 1) {
    const row = rows[count];
    bytes += Buffer.byteLength(row.envelope) + Buffer.byteLength(row.message_key) + JSON.stringify(row.headers).length;
    if (bytes > maxBytes && count > 0) return rows.slice(0, count);
  }
  return rows;
}
