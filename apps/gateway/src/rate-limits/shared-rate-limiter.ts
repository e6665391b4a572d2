import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { Pool } from 'pg';
import type { Counter } from 'prom-client';
import { GatewayEnvironment } from '../gateway.environment';
import {
  type RateDecision,
  refusal,
  SlidingWindowRateLimiter,
  slidingEstimate,
  waitUntilUnder,
  type WindowCounts,
} from './sliding-window';

/**
 * Grants up to the requests asked for in the client's current window, as
 * many as the estimate leaves room for, in one statement; none once the
 * estimate has reached the limit. The conflict clause re-reads the row it
 * locks, so concurrent grants on any instance come one after another and
 * never add up to more than the limit; the previous window is closed and read
 * as it stands. `last_grant` is what this statement granted (the row stays
 * locked until it returns).
 *
 * $1 scope, $2 client, $3 current window's start, $4 previous window's start,
 * $5 the previous window's weight (the share of it still inside the sliding
 * window), $6 the limit, $7 when the current window's row expires, $8 the
 * requests asked for.
 */
const GRANT = `
  WITH previous AS (
    SELECT coalesce(max(hits), 0) AS hits, coalesce(max(hits), 0) * $5::float8 AS weighted FROM rate_limit_window
     WHERE scope = $1 AND client = $2 AND window_start = $4),
  before AS (
    SELECT coalesce(max(hits), 0) AS hits FROM rate_limit_window
     WHERE scope = $1 AND client = $2 AND window_start = $3),
  granted AS (
    INSERT INTO rate_limit_window AS w (scope, client, window_start, hits, last_grant, expires_at)
    SELECT $1, $2, $3, room, room, $7
      FROM (SELECT least($8, ceil($6 - weighted))::int AS room FROM previous) AS r WHERE room > 0
    ON CONFLICT (scope, client, window_start) DO UPDATE
       SET hits = w.hits + least($8, ceil($6 - (SELECT weighted FROM previous) - w.hits))::int,
           last_grant = least($8, ceil($6 - (SELECT weighted FROM previous) - w.hits))::int
     WHERE (SELECT weighted FROM previous) + w.hits < $6
    RETURNING hits, last_grant)
  SELECT previous.hits AS previous, before.hits AS before, granted.hits AS counted, granted.last_grant AS granted
    FROM previous CROSS JOIN before LEFT JOIN granted ON true`;

interface GrantRow {
  previous: number;
  before: number;
  counted: number | null;
  granted: number | null;
}

/** A client as this instance knows it, in the current window of one limit. */
interface ClientWindow {
  windowStart: number;
  windowMs: number;
  /** Requests granted to this instance and not yet let through. */
  leased: number;
  /** Requests to ask for next time. */
  leaseSize: number;
  lastAskedAt: number;
  /** The database's counts at the last grant (`current` with this instance's unused lease in it). */
  counts: WindowCounts;
  /** Refused on these counts until then (ms): the estimate cannot fall sooner, whatever other instances do. */
  refusedUntil: number;
  asking?: Promise<RateDecision>;
}

const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 5_000;
/**
 * A grant takes a millisecond; one that has not answered by then (the
 * database unreachable, the table locked) is given up, and the instance
 * counts in memory for `RATE_LIMIT_BREAK_MS`; then one request asks the
 * database again while the others go on counting in memory until it answers.
 */
const GRANT_TIMEOUT_MS = 250;
/** Opening a connection (TLS, authentication) may take longer than a grant; connections are kept open between bursts. */
const CONNECT_TIMEOUT_MS = 500;
export const RATE_LIMIT_BREAK_MS = 2_000;
/**
 * Connections of the limiter's own pool, apart from the service's, so that a
 * slow query elsewhere does not hold up requests. A request that finds them
 * all busy (a burst of new clients as a minute starts) is counted in memory
 * rather than queued.
 */
const POOL_SIZE = 8;
/** Errors of the request's own data (class 22, 23, 54): the database answered, and other requests may go on asking it. */
const REQUEST_SPECIFIC = /^(22|23|54)[0-9A-Z]{3}$/;
/** Longer client keys are stored as their hash: an index entry has a size limit. */
const LONGEST_CLIENT_KEY = 200;

export const RATE_LIMIT_ASKS = 'redmet_rate_limit_asks_total';

export const rateLimitMetricProviders = [
  makeCounterProvider({
    name: RATE_LIMIT_ASKS,
    help: "The rate limiter's requests to the database, by limit and outcome: granted, refused or failed (then counted in memory)",
    labelNames: ['scope', 'outcome'],
  }),
];
/** Asked again within this time, an instance asks for twice as many requests as before. */
const LEASE_GROWTH_MS = 1_000;
/** Of a limit, the most an instance is granted at once: what a window's end may leave unused per instance. */
const LEASE_SHARE = 0.01;

/**
 * Rate limits per client that every gateway instance counts together, in the
 * gateway's database: a client spreading its requests over the instances
 * behind a load balancer gets the limit once, not once per instance. A
 * sliding window estimated from two fixed ones (see `decide`), one row per
 * client and window.
 *
 * So that a busy client does not cost a write per request (and every one of
 * its requests a wait on the same row), an instance that sees it often is
 * granted several requests at once, doubling while it keeps asking within a
 * second, up to 1% of the limit; they count from the grant, and what a
 * window's end leaves unused is lost to the client. A refusal holds on this
 * instance until the estimate can have fallen (or the window ends). While the
 * database does not answer within `GRANT_TIMEOUT_MS`, each instance counts in
 * its own memory, so the limits still hold per instance.
 */
@Injectable()
export class SharedRateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SharedRateLimiter.name);
  private readonly pool: Pool;
  private readonly clients = new Map<string, ClientWindow>();
  private readonly inMemory = new Map<string, SlidingWindowRateLimiter>();
  /** When the database last failed to answer (ms), and until when it is not asked; 0 while it answers. */
  private brokeAt = 0;
  private inMemoryUntil = 0;
  /** After a break, one request asks the database; the others count in memory until it answers. */
  private probing = false;
  private sweeper?: NodeJS.Timeout;

  constructor(
    environment: GatewayEnvironment,
    @InjectMetric(RATE_LIMIT_ASKS) private readonly asks: Counter<string>,
  ) {
    this.pool = new Pool({
      connectionString: environment.DATABASE_URL,
      max: POOL_SIZE,
      idleTimeoutMillis: 5 * 60_000,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: GRANT_TIMEOUT_MS,
      statement_timeout: GRANT_TIMEOUT_MS,
    });
    // An idle connection that breaks is dropped by the pool; unheard, the error would end the process.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'idle rate limit connection failed'));
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  /** After the HTTP server has closed: no request can come to ask any more. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end();
  }

  async hit(scope: string, client: string, limit: number, windowMs: number, now = Date.now()): Promise<RateDecision> {
    const key =
      client.length > LONGEST_CLIENT_KEY ? `sha256:${createHash('sha256').update(client).digest('hex')}` : client;
    const decision = await this.hitShared(scope, key, limit, windowMs, now).catch((error: unknown) => {
      this.failed(error);
      return null;
    });
    return decision ?? this.inMemoryLimiter(scope, limit, windowMs).hit(key, now);
  }

  /** Deletes the windows that no longer count; with every instance doing it, a failed sweep is left to the next. */
  async sweep(now = Date.now()): Promise<void> {
    try {
      // In batches, each well within the grants' statement timeout.
      for (;;) {
        const { rowCount } = await this.pool.query(
          `DELETE FROM rate_limit_window WHERE ctid = ANY (ARRAY(
             SELECT ctid FROM rate_limit_window WHERE expires_at <= $1 LIMIT ${SWEEP_BATCH}))`,
          [new Date(now)],
        );
        if ((rowCount ?? 0) < SWEEP_BATCH) break;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'expired rate limit windows not deleted');
    }
    for (const [key, window] of this.clients) {
      if (now - window.windowStart >= 2 * window.windowMs) this.clients.delete(key);
    }
    for (const limiter of this.inMemory.values()) limiter.sweep(now);
  }

  private async hitShared(
    scope: string,
    client: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<RateDecision | null> {
    const key = `${scope}\n${client}`;
    for (;;) {
      let window = this.clients.get(key);
      // A request that waited past the start of a newer window is judged in it, never the other way round.
      if (window && window.windowStart > now) now = window.windowStart;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const elapsed = (now - windowStart) / windowMs;
      if (window?.windowStart !== windowStart || window.windowMs !== windowMs) {
        window = {
          windowStart,
          windowMs,
          leased: 0,
          leaseSize: 0,
          lastAskedAt: -Infinity,
          counts: { previous: 0, current: 0 },
          refusedUntil: 0,
        };
        this.clients.set(key, window);
      }
      if (now < window.refusedUntil) return refusal(window.counts, limit, elapsed, windowMs);
      if (window.leased > 0) {
        window.leased -= 1;
        return this.allowed(window, elapsed);
      }
      if (!window.asking) {
        // What the instance was granted or refused still holds; what it would ask for is counted in memory meanwhile.
        const probe = this.brokeAt !== 0;
        if ((probe && (this.probing || Date.now() < this.inMemoryUntil)) || this.poolBusy()) return null;
        const asking = this.ask(window, scope, client, limit, now);
        window.asking = asking;
        this.probing ||= probe;
        try {
          return await asking;
        } finally {
          window.asking = undefined;
          if (probe) this.probing = false;
        }
      }
      // Another request is asking already: take from its grant, or ask again when it is spent.
      await window.asking;
    }
  }

  private async ask(
    window: ClientWindow,
    scope: string,
    client: string,
    limit: number,
    now: number,
  ): Promise<RateDecision> {
    const { windowStart, windowMs } = window;
    const elapsed = (now - windowStart) / windowMs;
    const most = Math.max(1, Math.floor(limit * LEASE_SHARE));
    window.leaseSize = now - window.lastAskedAt < LEASE_GROWTH_MS ? Math.min(most, window.leaseSize * 2) : 1;
    window.lastAskedAt = now;
    const askedAt = Date.now();
    const { rows } = await this.pool
      .query<GrantRow>(GRANT, [
        scope,
        client,
        new Date(windowStart),
        new Date(windowStart - windowMs),
        1 - elapsed,
        limit,
        new Date(windowStart + 2 * windowMs),
        window.leaseSize,
      ])
      .catch((error: unknown) => {
        this.asks.inc({ scope, outcome: 'failed' });
        throw error;
      });
    this.answered(askedAt);
    const [row] = rows;
    const previous = row.previous;
    if (row.granted !== null && row.counted !== null) {
      window.counts = { previous, current: row.counted };
      window.leased += row.granted - 1;
      this.asks.inc({ scope, outcome: 'granted' });
      return this.allowed(window, elapsed);
    }
    // Refused on a count newer than the statement's snapshot shows: at least enough to have reached the limit.
    window.counts = { previous, current: Math.max(row.before, Math.ceil(limit - previous * (1 - elapsed))) };
    window.refusedUntil = now + waitUntilUnder(window.counts, limit, elapsed, windowMs);
    this.asks.inc({ scope, outcome: 'refused' });
    return refusal(window.counts, limit, elapsed, windowMs);
  }

  private allowed(window: ClientWindow, elapsed: number): RateDecision {
    const { previous, current } = window.counts;
    return {
      allowed: true,
      retryAfterSeconds: 0,
      used: Math.ceil(slidingEstimate({ previous, current: current - window.leased }, elapsed)),
    };
  }

  private inMemoryLimiter(scope: string, limit: number, windowMs: number): SlidingWindowRateLimiter {
    const key = `${scope}:${limit}:${windowMs}`;
    let limiter = this.inMemory.get(key);
    if (!limiter) this.inMemory.set(key, (limiter = new SlidingWindowRateLimiter(limit, windowMs)));
    return limiter;
  }

  private poolBusy(): boolean {
    return this.pool.idleCount === 0 && this.pool.totalCount >= POOL_SIZE;
  }

  /** The database did not answer (or not in time): counted in memory for a while, unless the request's own data failed. */
  private failed(error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && REQUEST_SPECIFIC.test(code)) {
      this.logger.warn({ err: error }, 'rate limit not counted in the database; counted in memory');
      return;
    }
    if (this.brokeAt === 0) {
      this.logger.warn({ err: error }, 'rate limits counted per instance until the database answers again');
    }
    this.brokeAt = Date.now();
    this.inMemoryUntil = this.brokeAt + RATE_LIMIT_BREAK_MS;
  }

  /** An answer to a grant asked after the last failure ends the break; one asked before it says nothing of now. */
  private answered(askedAt: number): void {
    if (this.brokeAt === 0 || askedAt < this.brokeAt) return;
    this.brokeAt = 0;
    this.inMemoryUntil = 0;
    this.inMemory.clear();
    this.logger.log('rate limits counted in the database again');
  }
}
