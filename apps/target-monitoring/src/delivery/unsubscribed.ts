import type { EntityManager } from 'typeorm';
import { makerLostAccess } from './subscriber-access';

/**
 * Why delivery `d` is not sent: its webhook was deactivated, its e-mail
 * subscription deleted, or the subscription's maker lost access since it was queued.
 */
const reason = (d: string) =>
  `CASE WHEN ${d}.channel = 'webhook' THEN 'not sent: the webhook was deactivated'
        WHEN EXISTS (SELECT 1 FROM email_subscription s WHERE s.id = ${d}.subscription_id)
          THEN 'not sent: the subscription''s maker was disabled or no longer acts on alerts'
        ELSE 'not sent: the e-mail subscription was deleted' END`;

/** Whether delivery `d` still has its subscription: an active webhook, or an e-mail subscription whose maker has access. */
export const subscribed = (d: string) =>
  `CASE ${d}.channel
     WHEN 'webhook' THEN EXISTS (SELECT 1 FROM webhook_subscription w WHERE w.id = ${d}.subscription_id AND w.active)
     ELSE EXISTS (SELECT 1 FROM email_subscription s WHERE s.id = ${d}.subscription_id AND NOT ${makerLostAccess('s')})
   END`;

/**
 * CTEs `dropped` and `dropped_logged`: the deliveries `source` names (by `id`)
 * are failed with the reason instead of being sent. Not an attempt, so
 * `attempts` stays as it was; the log says why.
 */
export const failNotSent = (source: string) =>
  `dropped AS (
     UPDATE alert_delivery d SET state = 'failed', last_error = ${reason('d')}
       FROM ${source} WHERE d.id = ${source}.id
     RETURNING d.id, d.attempts, d.last_error),
   dropped_logged AS (
     INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, duration_ms, outcome, detail)
     SELECT id, attempts + 1, clock_timestamp(), 0, 'failed', last_error FROM dropped)`;

/**
 * Fails the deliveries still queued for a subscription that has just gone, in
 * the transaction that removed it. One in flight is left to its attempt (it
 * may well arrive); if that attempt is to be retried, or its lease runs out,
 * the claim that next takes it fails it instead (see claimDeliveries).
 */
export async function failQueuedDeliveries(
  manager: EntityManager,
  channel: 'email' | 'webhook',
  subscriptionId: string,
): Promise<void> {
  // FOR UPDATE waits for a claim or an attempt's record() holding a row, then sees whether it is in flight now.
  await manager.query(
    `WITH queued AS (
       SELECT d.id FROM alert_delivery d
        WHERE d.subscription_id = $1 AND d.channel = $2 AND d.state = 'pending'
          AND (d.leased_until IS NULL OR d.leased_until < now())
        FOR UPDATE),
     ${failNotSent('queued')}
     SELECT count(*) FROM dropped`,
    [subscriptionId, channel],
  );
}
