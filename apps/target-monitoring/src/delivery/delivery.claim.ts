import type { EntityManager } from 'typeorm';
import { changedRows } from '../common/sql';
import type { Notice } from './senders';

export interface Claimed {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  /** This attempt's number; record() writes only while the delivery still has it (the claim's token). */
  attempts: number;
  event_type: string;
  occurred_at: Date;
  snapshot: Notice['alert'];
  secret: string | null;
}

interface Recipient {
  channel: string;
  recipient: string;
}

const CLAIMABLE = `d.state = 'pending' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())`;

/** A leased delivery is in flight: record() clears the lease when its attempt ends. */
const RECIPIENT_IDLE = `NOT EXISTS (SELECT 1 FROM alert_delivery f
  WHERE f.channel = d.channel AND f.recipient = d.recipient AND f.state = 'pending' AND f.leased_until >= now())`;

/**
 * Leases the next due delivery of up to `limit` recipients that have none in
 * flight, so an endpoint that never answers holds one slot however many
 * deliveries it has queued, and the others' deliveries go on. Must run in a
 * READ COMMITTED transaction: see lockIdleRecipients.
 */
export async function claimDeliveries(manager: EntityManager, limit: number, leaseMs: number): Promise<Claimed[]> {
  await failUnsubscribed(manager);
  const recipients = await lockIdleRecipients(manager, limit);
  if (recipients.length === 0) return [];
  return changedRows<Claimed>(
    manager,
    `WITH next AS (
       SELECT n.id FROM unnest($1::text[], $2::text[]) AS r (channel, recipient)
       CROSS JOIN LATERAL (
         SELECT d.id FROM alert_delivery d
          WHERE d.channel = r.channel AND d.recipient = r.recipient AND ${CLAIMABLE} AND ${RECIPIENT_IDLE}
          ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) n)
     UPDATE alert_delivery d SET attempts = d.attempts + 1, leased_until = now() + make_interval(secs => $3 / 1000.0)
       FROM next, alert_event e
      WHERE d.id = next.id AND e.id = d.alert_event_id
     RETURNING d.id, d.channel, d.recipient, d.attempts, e.type AS event_type, e.occurred_at, e.snapshot,
               (SELECT secret FROM webhook_subscription WHERE id = d.subscription_id) AS secret`,
    [recipients.map((r) => r.channel), recipients.map((r) => r.recipient), leaseMs],
  );
}

/**
 * Deliveries queued before their webhook was deactivated or their e-mail
 * subscription deleted are failed with the reason instead of being sent.
 * Not an attempt, so `attempts` stays as it was; the log says why.
 */
async function failUnsubscribed(manager: EntityManager): Promise<void> {
  await manager.query(
    `WITH orphaned AS (
       SELECT d.id, d.attempts,
              CASE d.channel WHEN 'webhook' THEN 'not sent: the webhook was deactivated'
                             ELSE 'not sent: the e-mail subscription was deleted' END AS reason
         FROM alert_delivery d
        WHERE ${CLAIMABLE}
          AND NOT EXISTS (SELECT 1 FROM webhook_subscription w
                           WHERE d.channel = 'webhook' AND w.id = d.subscription_id AND w.active)
          AND NOT EXISTS (SELECT 1 FROM email_subscription s WHERE d.channel = 'email' AND s.id = d.subscription_id)
        FOR UPDATE OF d SKIP LOCKED),
     failed AS (
       UPDATE alert_delivery d SET state = 'failed', last_error = o.reason
         FROM orphaned o WHERE d.id = o.id
       RETURNING d.id, o.attempts, o.reason)
     INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, duration_ms, outcome, detail)
     SELECT id, attempts + 1, clock_timestamp(), 0, 'failed', reason FROM failed`,
  );
}

/**
 * Row locks alone would let two instances lease two deliveries of one
 * recipient at once (each skips the row the other locked and takes the next).
 * So each recipient is taken under an advisory lock held until commit, and the
 * lease is taken by a later statement: under READ COMMITTED it sees any lease
 * committed by whoever held the lock before.
 */
function lockIdleRecipients(manager: EntityManager, limit: number): Promise<Recipient[]> {
  // The lock is taken outside the LIMITed subquery, so only the recipients returned are locked.
  return manager.query(
    `SELECT channel, recipient FROM (
       SELECT d.channel, d.recipient FROM alert_delivery d
        WHERE ${CLAIMABLE} AND ${RECIPIENT_IDLE}
        GROUP BY d.channel, d.recipient ORDER BY min(d.next_attempt_at) LIMIT $1) due
      WHERE pg_try_advisory_xact_lock(hashtextextended('alert-delivery:' || channel || ':' || recipient, 0))`,
    [limit],
  );
}
