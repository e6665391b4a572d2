import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type RateDecision, refusal, SlidingWindowRateLimiter, slidingEstimate } from './sliding-window';

/**
 * Counts the request in the client's current window unless the estimate
 * before it has reached the limit, in one statement. The conflict clause
 * re-reads the row it locks, so concurrent requests on any instance are
 * counted one after another and never let through more than the limit; the
 * previous window is closed and read as it stands.
 *
 * $1 scope, $2 client, $3 current window's start, $4 previous window's start,
 * $5 the previous window's weight (the share of it still inside the sliding
 * window), $6 the limit, $7 when the current window's row expires.
 */
const HIT = `
  WITH previous AS (
    SELECT coalesce(max(hits), 0) AS hits FROM rate_limit_window
     WHERE scope = $1 AND client = $2 AND window_start = $4),
  before AS (
    SELECT coalesce(max(hits), 0) AS hits FROM rate_limit_window
     WHERE scope = $1 AND client = $2 AND window_start = $3),
  counted AS (
    INSERT INTO rate_limit_window AS w (scope, client, window_start, hits, expires_at)
    SELECT $1, $2, $3, 1, $7 FROM previous WHERE previous.hits * $5::float8 < $6
    ON CONFLICT (scope, client, window_start) DO UPDATE SET hits = w.hits + 1
     WHERE (SELECT hits FROM previous) * $5::float8 + w.hits < $6
    RETURNING hits)
  SELECT previous.hits AS previous, before.hits AS before, (SELECT hits FROM counted) AS counted
    FROM previous, before`;

interface HitRow {
  previous: number;
  before: number;
  counted: number | null;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Rate limits per client that every gateway instance counts together, in the
 * gateway's database: a client spreading its requests over the instances
 * behind a load balancer gets the limit once, not once per instance. A
 * sliding window estimated from two fixed ones (see `decide`), one row per
 * client and window. While the database does not answer, each instance
 * counts in its own memory, so the limits still hold per instance.
 */
@Injectable()
export class SharedRateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SharedRateLimiter.name);
  private readonly inMemory = new Map<string, SlidingWindowRateLimiter>();
  private counting: 'shared' | 'in-memory' = 'shared';
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async hit(scope: string, client: string, limit: number, windowMs: number, now = Date.now()): Promise<RateDecision> {
    try {
      const decision = await this.hitShared(scope, client, limit, windowMs, now);
      this.countingNow('shared');
      return decision;
    } catch (error) {
      this.countingNow('in-memory', error);
      return this.inMemoryLimiter(scope, limit, windowMs).hit(client, now);
    }
  }

  /** Deletes the windows that no longer count; with every instance doing it, a failed sweep is left to the next. */
  async sweep(now = Date.now()): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM rate_limit_window WHERE expires_at <= $1`, [new Date(now)]);
    } catch (error) {
      this.logger.warn({ err: error }, 'expired rate limit windows not deleted');
    }
    for (const limiter of this.inMemory.values()) limiter.sweep(now);
  }

  private async hitShared(
    scope: string,
    client: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<RateDecision> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const elapsed = (now - windowStart) / windowMs;
    const [row]: HitRow[] = await this.dataSource.query(HIT, [
      scope,
      client,
      new Date(windowStart),
      new Date(windowStart - windowMs),
      1 - elapsed,
      limit,
      new Date(windowStart + 2 * windowMs),
    ]);
    const previous = Number(row.previous);
    if (row.counted !== null) {
      return {
        allowed: true,
        retryAfterSeconds: 0,
        used: Math.ceil(slidingEstimate({ previous, current: row.counted }, elapsed)),
      };
    }
    // Refused on a count newer than the statement's snapshot shows: at least enough to have reached the limit.
    const current = Math.max(Number(row.before), Math.ceil(limit - previous * (1 - elapsed)));
    return refusal({ previous, current }, limit, elapsed, windowMs);
  }

  private inMemoryLimiter(scope: string, limit: number, windowMs: number): SlidingWindowRateLimiter {
    const key = `${scope}:${limit}:${windowMs}`;
    let limiter = this.inMemory.get(key);
    if (!limiter) this.inMemory.set(key, (limiter = new SlidingWindowRateLimiter(limit, windowMs)));
    return limiter;
  }

  private countingNow(counting: 'shared' | 'in-memory', error?: unknown): void {
    if (counting === this.counting) return;
    this.counting = counting;
    if (counting === 'in-memory') {
      this.logger.warn({ err: error }, 'rate limits counted per instance until the database answers again');
    } else {
      this.logger.log('rate limits counted in the database again');
      this.inMemory.clear();
    }
  }
}
