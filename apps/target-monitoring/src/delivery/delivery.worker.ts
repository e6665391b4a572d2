import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cutText } from '@redmet/platform';
import { AlertNotifications } from '../alerts/alert-notifications';
import { toPayload } from '../alerts/alert-row';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import { type Claimed, claimDeliveries, recordDestination } from './delivery.claim';
import { retryDelayMs } from './retry-backoff';
import { EmailSender, type Notice, RecipientRefused, WebhookSender } from './senders';
import { WebhookSecrets } from './webhook-secrets';

/**
 * How an attempt ended. `healthy`: the destination itself worked (it took the
 * delivery, or the mail server refused only its recipient); otherwise it is
 * back to one delivery at a time.
 */
interface Outcome {
  delivered: boolean;
  healthy: boolean;
  detail: string;
}

/**
 * Sends queued e-mails and webhooks, several at once, each attempt within a
 * deadline; a destination gets several at once only while it worked at its
 * latest attempt: a dead endpoint or mail server holds one slot, never the
 * queue, while an address the mail server refuses fails alone. A claimed delivery is leased for longer than the deadline; if this
 * instance dies the lease runs out and another instance retries it. Every
 * attempt is logged.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private claiming = false;
  /** A slot freed or a change notified while claiming: claim again, or it waits for the next poll. */
  private refill = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: MonitoringEnvironment,
    private readonly notifications: AlertNotifications,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    private readonly secrets: WebhookSecrets,
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
    if (this.stopped) return;
    if (this.claiming) {
      this.refill = true;
      return;
    }
    this.claiming = true;
    try {
      do {
        this.refill = false;
        const free = this.environment.DELIVERY_CONCURRENCY - this.inFlight.size;
        if (free <= 0) return;
        for (const delivery of await this.claim(free)) {
          const attempt = this.attempt(delivery).finally(() => {
            this.inFlight.delete(attempt);
            void this.fill();
          });
          this.inFlight.add(attempt);
        }
      } while (this.refill && !this.stopped);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not claim deliveries; polling again');
    } finally {
      this.claiming = false;
    }
  }

  private claim(limit: number): Promise<Claimed[]> {
    // The attempt ends at its deadline; the rest of the lease is for recording it.
    const leaseMs = this.environment.DELIVERY_TIMEOUT_MS * 2 + 1000;
    return this.dataSource.transaction('READ COMMITTED', (manager) =>
      claimDeliveries(manager, limit, this.environment.DELIVERY_DESTINATION_CONCURRENCY, leaseMs),
    );
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const started = new Date();
    const notice: Notice = {
      deliveryId: delivery.id,
      eventType: delivery.event_type,
      occurredAt: delivery.occurred_at.toISOString(),
      alert: toPayload(delivery.snapshot, delivery.actor, delivery.comment),
    };
    // One deadline for the whole attempt: nodemailer's own timeouts apply per step and could add up past the lease.
    const deadline = AbortSignal.timeout(this.environment.DELIVERY_TIMEOUT_MS);
    let outcome: Outcome;
    try {
      const detail =
        delivery.channel === 'email'
          ? await this.email.send(delivery.recipient, notice, deadline)
          : await this.webhook.send(
              delivery.recipient,
              this.secrets.open(delivery.subscription_id, delivery.sealed_secrets),
              notice,
              deadline,
            );
      outcome = { delivered: true, healthy: true, detail };
    } catch (error) {
      const detail = deadline.aborted ? `timed out after ${this.environment.DELIVERY_TIMEOUT_MS} ms` : describe(error);
      outcome = { delivered: false, healthy: !deadline.aborted && error instanceof RecipientRefused, detail };
    }
    await this.record(delivery, started, outcome).catch((error: unknown) =>
      // The lease runs out and the delivery is attempted again: at least once, never lost.
      this.logger.error({ err: error, deliveryId: delivery.id }, 'could not record a delivery attempt'),
    );
  }

  private async record(delivery: Claimed, started: Date, outcome: Outcome): Promise<void> {
    const finalFailure = !outcome.delivered && delivery.attempts >= this.environment.DELIVERY_MAX_ATTEMPTS;
    const state = outcome.delivered ? 'delivered' : finalFailure ? 'failed' : 'pending';
    const backoffMs = retryDelayMs(delivery.attempts, this.environment);
    const current = await this.dataSource.transaction(async (manager) => {
      // Still this attempt's delivery only if nobody claimed it since (attempts) nor failed it (state).
      const updated = await changedRows(
        manager,
        `UPDATE alert_delivery SET state = $2, leased_until = NULL,
                last_error = CASE WHEN $3 THEN NULL ELSE $4 END,
                delivered_at = CASE WHEN $3 THEN clock_timestamp() END,
                next_attempt_at = now() + make_interval(secs => $5 / 1000.0)
          WHERE id = $1 AND attempts = $6 AND state = 'pending'
         RETURNING id`,
        [delivery.id, state, outcome.delivered, outcome.detail, backoffMs, delivery.attempts],
      );
      // Logged all the same: the endpoint or mail server may well have had it, and the log must say so.
      const detail =
        updated.length > 0
          ? outcome.detail
          : `${outcome.detail}; it ended after another attempt had taken the delivery over`;
      await manager.query(
        `INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, duration_ms, outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          delivery.id,
          delivery.attempts,
          started,
          Date.now() - started.getTime(),
          outcome.delivered ? 'delivered' : 'failed',
          detail,
        ],
      );
      if (updated.length === 0) return false;
      await recordDestination(manager, delivery, outcome.healthy);
      return true;
    });
    if (!current) {
      this.logger.warn(
        { deliveryId: delivery.id, attempt: delivery.attempts, detail: outcome.detail },
        'delivery attempt ended after its lease was taken over: logged, the delivery left to the later attempt',
      );
    } else if (!outcome.delivered) {
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
  return cutText(`${error.message}${reason}`, 1000);
}
