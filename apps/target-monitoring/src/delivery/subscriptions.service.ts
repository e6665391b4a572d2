import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, type Principal } from '@redmet/platform';
import { changedRows } from '../common/sql';
import { MonitoringEnvironment } from '../monitoring.environment';
import type { EmailSubscriptionDto, RotateWebhookSecretDto, WebhookSubscriptionDto } from './dto/subscription.dto';
import { makerLostAccess } from './subscriber-access';
import { failQueuedDeliveries } from './unsubscribed';
import { WebhookSecrets } from './webhook-secrets';

const EMAIL_VIEW = `id, user_id AS "userId", email, min_severity AS "minSeverity", rule_ids AS "ruleIds",
  created_at AS "createdAt", ${makerLostAccess('email_subscription')} AS "paused"`;
const WEBHOOK_VIEW = `id, url, description, min_severity AS "minSeverity", rule_ids AS "ruleIds", active,
  created_by AS "createdBy", created_at AS "createdAt", deactivated_by AS "deactivatedBy",
  deactivated_at AS "deactivatedAt"`;
/** Who made its newest secret and when, and until when older ones still sign beside it (null: none does). */
const WEBHOOK_WITH_SECRETS = `
  SELECT ${WEBHOOK_VIEW}, newest.made_at AS "secretCreatedAt", newest.made_by AS "secretCreatedBy",
         (SELECT max(s.retired_at) FROM webhook_secret s WHERE s.subscription_id = w.id AND s.retired_at > now())
           AS "previousSecretsUntil"
    FROM webhook_subscription w
    LEFT JOIN LATERAL (
      SELECT s.created_at AS made_at, s.created_by AS made_by FROM webhook_secret s WHERE s.subscription_id = w.id
       ORDER BY s.created_at DESC, s.id DESC LIMIT 1) newest ON true`;

/**
 * Ministry staff subscribe themselves to alert e-mails; administrators
 * register other systems' webhooks, whose signing secret is shown once.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: WebhookSecrets,
    private readonly environment: MonitoringEnvironment,
  ) {}

  async subscribeEmail(dto: EmailSubscriptionDto, principal: Principal) {
    const [row] = await this.dataSource.query(
      `INSERT INTO email_subscription (id, user_id, email, min_severity, rule_ids) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, email) DO NOTHING RETURNING ${EMAIL_VIEW}`,
      [randomUUID(), principal.userId, dto.email, dto.minSeverity ?? 'warning', dto.ruleIds ?? null],
    );
    if (!row) throw new ConflictError('SUBSCRIPTION.EXISTS', `${dto.email} is already subscribed`, 'email');
    return row;
  }

  /** A user sees their own e-mail subscriptions; an administrator sees everyone's. */
  emailSubscriptions(principal: Principal) {
    return this.dataSource.query(
      `SELECT ${EMAIL_VIEW} FROM email_subscription WHERE $1 OR user_id = $2 ORDER BY created_at, id`,
      [principal.hasRole('admin'), principal.userId],
    );
  }

  /** Its deliveries still queued are failed in the same transaction, not sent. */
  async unsubscribeEmail(id: string, principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await changedRows(
        manager,
        `DELETE FROM email_subscription WHERE id = $1 AND ($2 OR user_id = $3) RETURNING id`,
        [id, principal.hasRole('admin'), principal.userId],
      );
      if (deleted.length === 0)
        throw new NotFoundError('SUBSCRIPTION.NOT_FOUND', `No subscription of yours with id ${id}`);
      await failQueuedDeliveries(manager, 'email', id);
    });
  }

  async registerWebhook(dto: WebhookSubscriptionDto, principal: Principal) {
    // In a transaction of its own, so that a retry with the same Idempotency-Key is fenced (README) and registers one.
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO webhook_subscription (id, url, description, min_severity, rule_ids, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WEBHOOK_VIEW}`,
        [randomUUID(), dto.url, dto.description, dto.minSeverity ?? 'warning', dto.ruleIds ?? null, principal.userId],
      );
      return { ...row, secret: await this.secrets.issue(manager, row.id, principal.userId) };
    });
  }

  webhooks() {
    return this.dataSource.query(`${WEBHOOK_WITH_SECRETS} ORDER BY w.created_at, w.id`);
  }

  /**
   * A new signing secret, shown this once; the ones signing until now go on
   * signing beside it for the hours asked (the receiver switches meanwhile),
   * or stop at once.
   */
  async rotateWebhookSecret(id: string, dto: RotateWebhookSecretDto, principal: Principal) {
    const keepHours = dto.keepPreviousHours ?? this.environment.WEBHOOK_SECRET_OVERLAP_HOURS;
    return this.dataSource.transaction(async (manager) => {
      const [webhook]: { active: boolean }[] = await manager.query(
        'SELECT active FROM webhook_subscription WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!webhook) throw new NotFoundError('SUBSCRIPTION.NOT_FOUND', `No webhook with id ${id}`);
      if (!webhook.active) {
        throw new ConflictError('SUBSCRIPTION.INACTIVE', `Webhook ${id} is deactivated: nothing is signed for it`);
      }
      const previousSecretsUntil = await this.secrets.retire(manager, id, keepHours);
      const secret = await this.secrets.issue(manager, id, principal.userId);
      return { id, secret, previousSecretsUntil };
    });
  }

  /**
   * Deactivated, not deleted: its deliveries stay in the alerts' history;
   * those still queued are failed in the same transaction, not sent, and its
   * secrets stop signing (they are dropped at the next start). Deactivating
   * it again changes nothing: who deactivated it first, and when, stays.
   */
  async deactivateWebhook(id: string, principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const updated = await changedRows(
        manager,
        `UPDATE webhook_subscription
            SET active = false, deactivated_at = coalesce(deactivated_at, now()),
                deactivated_by = coalesce(deactivated_by, $2)
          WHERE id = $1 RETURNING id`,
        [id, principal.userId],
      );
      if (updated.length === 0) throw new NotFoundError('SUBSCRIPTION.NOT_FOUND', `No webhook with id ${id}`);
      await failQueuedDeliveries(manager, 'webhook', id);
      await this.secrets.retire(manager, id, 0);
    });
  }
}
