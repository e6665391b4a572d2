import type { EntityManager } from 'typeorm';
import type { Actor, AlertSnapshot } from '@redmet/contracts';
import { changedRows } from '../common/sql';
import { failNotSent, subscribed } from './unsubscribed';
import { SIGNING_SECRETS } from './webhook-secrets';

export interface Claimed {
  id: string;
  channel: 'email' | 'webhook';
  recipient: string;
  /** Where the attempt goes: the webhook's URL, or the mail server for any address. */
  destination: string;
  /** This attempt's number; record() writes only while the delivery still has it (the claim's token). */
  attempts: number;
  event_type: string;
  occurred_at: Date;
  snapshot: AlertSnapshot;
  actor: Actor | null;
  comment: string | null;
  subscription_id: string;
  /** A webhook's signing secrets, sealed, as SIGNING_SECRETS lists them. */
  sealed_secrets: string[] | null;
}

interface Destination {
  channel: string;
  destination: string;
}

/**
 * Delivery `d` goes to destination `r` (channel, destination). alert_delivery.destination
 * is computed by the table (see migration 1764401300000): the webhook's URL, or
 * `mail-server` for every e-mail, so a hung mail server holds one destination's
 * slots, not one per address.
 */
const goesTo = (d: string, r: string) => `${d}.channel = ${r}.channel AND ${d}.destination = ${r}.destination`;

const CLAIMABLE = `d.state = 'pending' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())`;

/**
 * How many more deliveries destination `r` may take, `h` being its row in
 * alert_delivery_destination: several only while it worked at its latest
 * attempt. A leased delivery is in flight: record() clears the lease when
 * its attempt ends.
 */
const room = (r: string, h: string, perDestination: string) =>
  `(CASE WHEN ${h}.healthy THEN ${perDestination} ELSE 1 END) - (SELECT count(*) FROM alert_delivery f
     WHERE ${goesTo('f', r)} AND f.state = 'pending' AND f.leased_until >= now())`;

/**
 * Leases the next due deliveries of up to `limit` destinations with room, as
 * many as each has room for and `limit` in all, so an endpoint that never
 * answers holds one slot however many deliveries it has queued, and the
 * others' deliveries go on. A delivery whose subscription went while it was in
 * flight (see failQueuedDeliveries) is failed here instead of leased. Must run
 * in a READ COMMITTED transaction: see lockDestinationsWithRoom.
 */
export async function claimDeliveries(
  manager: EntityManager,
  limit: number,
  perDestination: number,
  leaseMs: number,
): Promise<Claimed[]> {
  const destinations = await lockDestinationsWithRoom(manager, limit, perDestination);
  if (destinations.length === 0) return [];
  return changedRows<Claimed>(
    manager,
    `WITH r AS (
       SELECT r.channel, r.destination, ${room('r', 'h', '$3')} AS room
         FROM unnest($1::text[], $2::text[]) AS r (channel, destination)
         LEFT JOIN alert_delivery_destination h ON h.channel = r.channel AND h.destination = r.destination),
     next AS (
       SELECT n.id, n.subscribed FROM r CROSS JOIN LATERAL (
         SELECT d.id, d.next_attempt_at, ${subscribed('d')} AS subscribed FROM alert_delivery d
          WHERE ${goesTo('d', 'r')} AND ${CLAIMABLE}
          ORDER BY d.next_attempt_at LIMIT greatest(r.room, 0) FOR UPDATE SKIP LOCKED) n
       ORDER BY n.next_attempt_at LIMIT $4),
     gone AS (SELECT id FROM next WHERE NOT subscribed),
     ${failNotSent('gone')}
     UPDATE alert_delivery d SET attempts = d.attempts + 1, leased_until = now() + make_interval(secs => $5 / 1000.0)
       FROM next, alert_event e
      WHERE d.id = next.id AND next.subscribed AND e.id = d.alert_event_id
     RETURNING d.id, d.channel, d.recipient, d.destination, d.attempts,
               e.type AS event_type, e.occurred_at, e.snapshot, e.actor, e.comment,
               d.subscription_id, ${SIGNING_SECRETS('d.subscription_id')} AS sealed_secrets`,
    [destinations.map((r) => r.channel), destinations.map((r) => r.destination), perDestination, limit, leaseMs],
  );
}

/**
 * Row locks alone would let two instances lease more deliveries of one
 * destination than it has room for (each skips the rows the other locked and
 * takes the next). So each destination is taken under an advisory lock held
 * until commit, and the leases are taken by a later statement: under READ
 * COMMITTED it sees any lease committed by whoever held the lock before.
 *
 * The destinations with deliveries queued are found by a skip scan of
 * alert_delivery_pending_destination (one index probe per destination, not a
 * read of every due delivery), each with its earliest claimable delivery by
 * the same index; earliest due first. A destination another claim holds is
 * skipped for the next one, so instances woken together share the work.
 */
function lockDestinationsWithRoom(
  manager: EntityManager,
  limit: number,
  perDestination: number,
): Promise<Destination[]> {
  // The try-lock filters the rows the outer LIMIT pulls one by one, so only the destinations returned are locked.
  // OFFSET 0 keeps PostgreSQL from pushing it, volatile as it is, down into the subquery, below the sort.
  return manager.query(
    `WITH RECURSIVE queued AS (
       (SELECT d.channel, d.destination FROM alert_delivery d WHERE d.state = 'pending'
         ORDER BY d.channel, d.destination LIMIT 1)
       UNION ALL
       SELECT n.channel, n.destination FROM queued q CROSS JOIN LATERAL (
         SELECT d.channel, d.destination FROM alert_delivery d
          WHERE d.state = 'pending' AND (d.channel, d.destination) > (q.channel, q.destination)
          ORDER BY d.channel, d.destination LIMIT 1) n)
     SELECT channel, destination FROM (
       SELECT r.channel, r.destination FROM queued r
         CROSS JOIN LATERAL (
           SELECT d.next_attempt_at FROM alert_delivery d
            WHERE ${goesTo('d', 'r')} AND ${CLAIMABLE} ORDER BY d.next_attempt_at LIMIT 1) due
         LEFT JOIN alert_delivery_destination h ON h.channel = r.channel AND h.destination = r.destination
        WHERE ${room('r', 'h', '$2')} > 0
        ORDER BY due.next_attempt_at OFFSET 0) r
      WHERE pg_try_advisory_xact_lock(hashtextextended('alert-delivery:' || channel || ':' || destination, 0))
      LIMIT $1`,
    [limit, perDestination],
  );
}

/**
 * Remembers whether the destination worked at this attempt, in the attempt's
 * transaction: `healthy` unless it failed itself (see Outcome in delivery.worker.ts).
 */
export async function recordDestination(manager: EntityManager, delivery: Claimed, healthy: boolean): Promise<void> {
  await manager.query(
    `INSERT INTO alert_delivery_destination (channel, destination, healthy, last_attempt_at)
     VALUES ($1, $2, $3, clock_timestamp())
     ON CONFLICT (channel, destination) DO UPDATE SET healthy = excluded.healthy, last_attempt_at = excluded.last_attempt_at`,
    [delivery.channel, delivery.destination, healthy],
  );
}
