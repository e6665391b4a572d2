import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertNotifications } from '../alerts/alert-notifications';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import { EmailSender, type Notice, WebhookSender } from './senders';

interface Claimed {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  attempts: number;
  event_type: string;
  occurred_at: Date;
  snapshot: Notice['alert'];
  secret: string | null;
}

/**
 * Sends queued e-mails and webhooks, several at once, each attempt with a
 * timeout: a dead endpoint or mail server holds one slot until its timeout,
 * never the queue. A claimed delivery is leased; if this instance dies the
 * lease runs out and another instance retries it. Every attempt is logged.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private claiming = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: MonitoringEnvironment,
    private readonly notifications: AlertNotifications,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.environment.ALERTS_ENABLED) return;
    this.unsubscribe = this.notifications.onChange(() => void this.fill());
    this.timer = setInterval(() => void this.fill(), this.environment.DELIVERY_POLL_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims as many due deliveries as there are free slots and starts them. */
  async fill(): Promise<void> {
    if (this.claiming || this.stopped) return;
    this.claiming = true;
    try {
      const free = this.environment.DELIVERY_CONCURRENCY - this.inFlight.size;
      if (free <= 0) return;
      for (const delivery of await this.claim(free)) {
        const attempt = this.attempt(delivery).finally(() => {
          this.inFlight.delete(attempt);
          void this.fill();
        });
        this.inFlight.add(attempt);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not claim deliveries; polling again');
    } finally {
      this.claiming = false;
    }
  }

  private claim(limit: number): Promise<Claimed[]> {
    const leaseMs = this.environment.DELIVERY_TIMEOUT_MS * 2 + 1000;
    return changedRows<Claimed>(
      this.dataSource.manager,
      `WITH due AS (
         SELECT id FROM alert_delivery
          WHERE state = 'pending' AND next_attempt_at <= now() AND (leased_until IS NULL OR leased_until < now())
          ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE alert_delivery d SET attempts = d.attempts + 1, leased_until = now() + make_interval(secs => $2 / 1000.0)
         FROM due, alert_event e
        WHERE d.id = due.id AND e.id = d.alert_event_id
       RETURNING d.id, d.channel, d.recipient, d.attempts, e.type AS event_type, e.occurred_at, e.snapshot,
                 (SELECT secret FROM webhook_subscription WHERE id = d.subscription_id) AS secret`,
      [limit, leaseMs],
    );
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const started = new Date();
    const notice: Notice = {
      deliveryId: delivery.id,
      eventType: delivery.event_type,
      occurredAt: delivery.occurred_at.toISOString(),
      alert: delivery.snapshot,
    };
    let outcome: { delivered: boolean; detail: string };
    try {
      const detail =
        delivery.channel === 'email'
          ? await this.email.send(delivery.recipient, notice)
          : await this.webhook.send(delivery.recipient, delivery.secret ?? '', notice);
      outcome = { delivered: true, detail };
    } catch (error) {
      outcome = { delivered: false, detail: describe(error) };
    }
    await this.record(delivery, started, outcome).catch((error: unknown) =>
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      this.logger.error({ err: error, deliveryId: delivery.id }, 'could not record a delivery attempt'),
    );
  }

  private async record(
    delivery: Claimed,
    started: Date,
    outcome: { delivered: boolean; detail: string },
  ): Promise<void> {
    const finalFailure = !outcome.delivered && delivery.attempts >= this.environment.DELIVERY_MAX_ATTEMPTS;
    const state = outcome.delivered ? 'delivered' : finalFailure ? 'failed' : 'pending';
    const backoffMs = this.environment.DELIVERY_RETRY_BACKOFF_MS * 2 ** (delivery.attempts - 1);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, duration_ms, outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          delivery.id,
          delivery.attempts,
          started,
          Date.now() - started.getTime(),
          outcome.delivered ? 'delivered' : 'failed',
          outcome.detail,
        ],
      );
      await manager.query(
        `UPDATE alert_delivery SET state = $2, leased_until = NULL,
                last_error = CASE WHEN $3 THEN NULL ELSE $4 END,
                delivered_at = CASE WHEN $3 THEN clock_timestamp() END,
                next_attempt_at = now() + make_interval(secs => $5 / 1000.0)
          WHERE id = $1`,
        [delivery.id, state, outcome.delivered, outcome.detail, backoffMs],
      );
    });
    if (!outcome.delivered) {
      this.logger.warn(
        { deliveryId: delivery.id, attempt: delivery.attempts, state, detail: outcome.detail },
        'delivery failed',
      );
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error.name === 'TimeoutError' ? 'timed out' : error.message}${reason}`.slice(0, 1000);
}
