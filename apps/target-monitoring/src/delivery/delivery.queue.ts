import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MonitoringEnvironment } from '../monitoring.environment';
import { ANNOUNCING, type AlertRow, severityRank } from '../alerts/alert-row';
import { makerLostAccess } from './subscriber-access';

/**
 * A subscription's least severity is compared with the alert's severity after the change, so those who want
 * critical alerts only hear of a warning when it turns critical.
 */
const MATCHES = `${severityRank('s.min_severity')} <= ${severityRank('$3::text')}
                 AND (s.rule_ids IS NULL OR $4::text = ANY (s.rule_ids))`;

/**
 * A webhook that was sent (or queued) an earlier change of the alert. A follow-up goes to it whatever the alert's
 * severity now: one that fell below its least severity without a word would otherwise stay open for the receiver.
 */
const TOLD_BEFORE = `EXISTS (SELECT 1 FROM alert_delivery told
                              WHERE told.alert_id = $1::uuid AND told.channel = 'webhook' AND told.subscription_id = s.id)`;

/**
 * Queues one delivery per matching subscription in the alert's transaction;
 * the worker sends them later, so a dead mail server or endpoint never holds
 * up the rule that raised the alert. E-mails tell what is new (raised,
 * worsened, escalated); webhooks get every change.
 */
@Injectable()
export class DeliveryQueue {
  constructor(private readonly environment: MonitoringEnvironment) {}

  async enqueue(manager: EntityManager, alert: AlertRow, alertEventId: string, eventType: string): Promise<void> {
    const announcing = ANNOUNCING.has(eventType);
    const withEmail = this.environment.SMTP_URL !== '' && announcing;
    await manager.query(
      `INSERT INTO alert_delivery (id, alert_id, alert_event_id, channel, subscription_id, recipient, state)
       SELECT gen_random_uuid(), $1::uuid, $2::bigint, 'email', s.id, s.email, 'pending'
         FROM email_subscription s WHERE $5::boolean AND ${MATCHES} AND NOT ${makerLostAccess('s')}
       UNION ALL
       SELECT gen_random_uuid(), $1::uuid, $2::bigint, 'webhook', s.id, s.url, 'pending'
         FROM webhook_subscription s WHERE s.active AND (${MATCHES} OR (NOT $6::boolean AND ${TOLD_BEFORE}))`,
      [alert.alert_id, alertEventId, alert.severity, alert.rule_id, withEmail, announcing],
    );
  }
}
