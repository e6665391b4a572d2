export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a refused client may try again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Window {
  /** Start of the current window (ms). */
  startedAt: number;
  current: number;
  previous: number;
}

/**
 * Requests per key (a client address) in a sliding window, estimated from two
 * fixed windows: the previous window's count weighted by how much of it still
 * overlaps the last `windowMs`, plus the current one's. Constant time and
 * memory per key, unlike a log of every hit's expiry (what @nestjs/throttler's
 * storage keeps, and filters on every request: at thousands of requests a
 * minute from one address that is most of the proxy's work).
 */
export class SlidingWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  hit(key: string, now = Date.now()): RateDecision {
    const window = this.roll(key, now);
    const elapsed = (now - window.startedAt) / this.windowMs;
    const estimate = window.previous * (1 - elapsed) + window.current;
    if (estimate >= this.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.round(this.waitMs(window, elapsed)) / 1000)),
      };
    }
    window.current += 1;
    return { allowed: true, retryAfterSeconds: 0 };
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

  /** How long until the estimate falls below the limit, with no further hits. */
  private waitMs(window: Window, elapsed: number): number {
    const toWindowEnd = (1 - elapsed) * this.windowMs;
    if (window.current >= this.limit) {
      // The next window starts with this one as its `previous`: wait until enough of it has slid out.
      return toWindowEnd + (1 - this.limit / window.current) * this.windowMs;
    }
    // previous * (1 - e') + current < limit  ⇔  e' > 1 - (limit - current) / previous
    const needed = 1 - (this.limit - window.current) / window.previous;
    return Math.max(0, (needed - elapsed) * this.windowMs);
  }
}
