export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a refused client may try again (0 when allowed). */
  retryAfterSeconds: number;
  /** The client's estimated requests in the last window, this one included if it was allowed. */
  used: number;
}

/** A client's requests in the two fixed windows a sliding one is estimated from. */
export interface WindowCounts {
  previous: number;
  current: number;
}

/**
 * Requests in the last window: the previous fixed window's count weighted by
 * how much of it still overlaps the last `windowMs` (`elapsed` is the share of
 * the current fixed window gone by), plus the current one's.
 */
export function slidingEstimate({ previous, current }: WindowCounts, elapsed: number): number {
  return previous * (1 - elapsed) + current;
}

/** A request is let through while the estimate before it is under the limit, and only then counted. */
export function decide(counts: WindowCounts, limit: number, elapsed: number, windowMs: number): RateDecision {
  const estimate = slidingEstimate(counts, elapsed);
  if (estimate < limit) return { allowed: true, retryAfterSeconds: 0, used: Math.ceil(estimate + 1) };
  return refusal(counts, limit, elapsed, windowMs);
}

/** A refused request: how long the client must wait, with no further requests, until one would be let through. */
export function refusal(counts: WindowCounts, limit: number, elapsed: number, windowMs: number): RateDecision {
  const waitMs = Math.round(waitUntilUnder(counts, limit, elapsed, windowMs));
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    used: Math.ceil(slidingEstimate(counts, elapsed)),
  };
}

/** How long until the estimate falls below the limit, with no further requests (ms). */
export function waitUntilUnder(
  { previous, current }: WindowCounts,
  limit: number,
  elapsed: number,
  windowMs: number,
): number {
  const toWindowEnd = (1 - elapsed) * windowMs;
  if (current >= limit) {
    // The next window starts with this one as its `previous`: wait until enough of it has slid out.
    return toWindowEnd + (1 - limit / current) * windowMs;
  }
  // previous * (1 - e') + current < limit  ⇔  e' > 1 - (limit - current) / previous
  const needed = 1 - (limit - current) / previous;
  return Math.max(0, (needed - elapsed) * windowMs);
}

interface Window extends WindowCounts {
  /** Start of the current window (ms). */
  startedAt: number;
}

/**
 * Requests per key (a client address) in a sliding window, counted in this
 * process only: constant time and memory per key, unlike a log of every
 * hit's expiry (what @nestjs/throttler's storage keeps, and filters on every
 * request). What the gateway counts with while its database does not answer.
 */
export class SlidingWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): RateDecision {
    const window = this.roll(key, now);
    const decision = decide(window, this.limit, (now - window.startedAt) / this.windowMs, this.windowMs);
    if (decision.allowed) window.current += 1;
    return decision;
  }

  /** Forgets keys with no hit in the last two windows; call it now and then. */
  sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= 2 * this.windowMs) this.windows.delete(key);
    }
  }

  get size(): number {
    return this.windows.size;
  }

  private roll(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window) {
      window = { startedAt: now, current: 0, previous: 0 };
      this.windows.set(key, window);
      return window;
    }
    const passed = Math.floor((now - window.startedAt) / this.windowMs);
    if (passed >= 1) {
      window.previous = passed === 1 ? window.current : 0;
      window.current = 0;
      window.startedAt += passed * this.windowMs;
    }
    return window;
  }
}
