import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, AlertSnapshot } from '@redmet/contracts';
import { AlertNotifications } from '../alerts/alert-notifications';
import { toPayload } from '../alerts/alert-row';
import { MonitoringEnvironment } from '../monitoring.environment';

interface StreamRow {
  id: string;
  type: string;
  occurred_at: Date;
  snapshot: AlertSnapshot;
  actor: Actor | null;
  comment: string | null;
}

interface Subscriber {
  write(chunk: string): void;
  /** While replaying missed events, live ones wait here. */
  held: StreamRow[] | null;
  /** Sent by the replay: not to be sent again when they also come live. */
  replayed: Set<string>;
}

/**
 * Ids of rows committed out of order (a lower id committing after a higher
 * one) are caught by reading a little behind the last id seen.
 */
const LOOK_BEHIND = 200;
const BATCH = 1000;

export function formatEvent(row: StreamRow): string {
  const payload = toPayload(row.snapshot, row.actor, row.comment);
  const data = JSON.stringify({ type: row.type, occurredAt: row.occurred_at.toISOString(), ...payload });
  return `id: ${row.id}\nevent: ${row.type}\ndata: ${data}\n\n`;
}

/**
 * The live alert stream of this instance: alert changes from the history
 * table (whichever instance made them), silenced ones left out, pushed to
 * every connected console. Clients resume after a disconnect from the last
 * event id they saw.
 */
@Injectable()
export class AlertStream implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertStream.name);
  private readonly subscribers = new Set<Subscriber>();
  private readonly recent = new Set<number>();
  private cursor = 0;
  private pumping = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: AlertNotifications,
    private readonly environment: MonitoringEnvironment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.environment.ALERTS_ENABLED) return;
    const [{ last }] = await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS last FROM alert_event');
    this.cursor = Number(last);
    this.unsubscribe = this.notifications.onChange(() => void this.pump());
    this.timer = setInterval(() => void this.pump(), this.environment.DELIVERY_POLL_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  get connected(): number {
    return this.subscribers.size;
  }

  /**
   * Joins the stream until `closed`; with `lastEventId`, first sends
   * everything missed since, page by page (stopping if the client goes
   * meanwhile), then what came live meanwhile.
   */
  async join(write: (chunk: string) => void, lastEventId: number | null, closed: AbortSignal): Promise<void> {
    const subscriber: Subscriber = { write, held: lastEventId === null ? null : [], replayed: new Set() };
    this.subscribers.add(subscriber);
    closed.addEventListener('abort', () => this.subscribers.delete(subscriber), { once: true });
    if (closed.aborted) this.subscribers.delete(subscriber);
    if (lastEventId !== null) {
      let page: StreamRow[];
      let after = lastEventId;
      do {
        page = await this.read(after);
        for (const row of page) {
          subscriber.replayed.add(row.id);
          write(formatEvent(row));
          after = Number(row.id);
        }
      } while (page.length === BATCH && !closed.aborted);
      const held = subscriber.held ?? [];
      subscriber.held = null;
      for (const row of held) this.send(subscriber, row);
      // The pump never reads this far behind its cursor again: only later rows can still come twice.
      for (const id of subscriber.replayed) {
        if (Number(id) <= this.cursor - LOOK_BEHIND) subscriber.replayed.delete(id);
      }
    }
  }

  async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const rows = (await this.read(Math.max(0, this.cursor - LOOK_BEHIND))).filter(
          (row) => !this.recent.has(Number(row.id)),
        );
        for (const row of rows) {
          const id = Number(row.id);
          this.recent.add(id);
          this.cursor = Math.max(this.cursor, id);
          for (const subscriber of this.subscribers) {
            if (subscriber.held) subscriber.held.push(row);
            else this.send(subscriber, row);
          }
        }
        for (const id of this.recent) if (id <= this.cursor - LOOK_BEHIND) this.recent.delete(id);
        if (rows.length >= BATCH) this.again = true;
      } while (this.again);
    } catch (error) {
      this.logger.warn({ err: error }, 'alert stream could not read new events; polling again');
    } finally {
      this.pumping = false;
    }
  }

  private send(subscriber: Subscriber, row: StreamRow): void {
    if (subscriber.replayed.has(row.id)) return;
    subscriber.write(formatEvent(row));
  }

  private read(after: number): Promise<StreamRow[]> {
    // Ordered by the number, not by the text it is returned as ('10' < '9'): pages and the cursor rely on it.
    return this.dataSource.query(
      `SELECT e.id::text, e.type, e.occurred_at, e.snapshot, e.actor, e.comment FROM alert_event e
        WHERE e.id > $1 AND NOT e.silenced ORDER BY e.id LIMIT $2`,
      [after, BATCH],
    );
  }
}
