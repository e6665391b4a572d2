import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertEscalated, AlertRaised, AlertSeverityRaised } from '@redmet/contracts';
import { MonitoringEnvironment } from '../monitoring.environment';
import { type AlertRow, severityRank } from '../alerts/alert-row';
import { makerLostAccess } from './subscriber-access';

/**
 * E-mails go out when an alert is raised, worsens or is escalated; webhooks get every change. A subscription's
 * least severity is compared with the alert's severity after the change, so those who want critical alerts only
 * hear of a warning when it turns critical.
 */
const EMAILED = new Set([AlertRaised.type, AlertSeverityRaised.type, AlertEscalated.type]);

const MATCHES = `${severityRank('s.min_severity')} <= ${severityRank('$3::text')}
                 AND (s.rule_ids IS NULL OR $4::text = ANY (s.rule_ids))`;

/**
 * Queues one delivery per matching subscription in the alert's transaction;
 * the worker sends them later, so a dead mail server or endpoint never holds
 * up the rule that raised the alert.
 */
@Injectable()
export class DeliveryQueue {
  constructor(private readonly environment: MonitoringEnvironment) {}

  async enqueue(manager: EntityManager, alert: AlertRow, alertEventId: string, eventType: string): Promise<void> {
    const withEmail = this.environment.SMTP_URL !== '' && EMAILED.has(eventType);
    await manager.query(
      `INSERT INTO alert_delivery (id, alert_id, alert_event_id, channel, subscription_id, recipient, state)
       SELECT gen_random_uuid(), $1::uuid, $2::bigint, 'email', s.id, s.email, 'pending'
         FROM email_subscription s WHERE $5::boolean AND ${MATCHES} AND NOT ${makerLostAccess('s')}
       UNION ALL
       SELECT gen_random_uuid(), $1::uuid, $2::bigint, 'webhook', s.id, s.url, 'pending'
         FROM webhook_subscription s WHERE s.active AND ${MATCHES}`,
      [alert.alert_id, alertEventId, alert.severity, alert.rule_id, withEmail],
    );
  }
}
