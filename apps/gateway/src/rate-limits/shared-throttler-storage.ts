import type { ThrottlerStorage } from '@nestjs/throttler';
import type { SharedRateLimiter } from './shared-rate-limiter';

/**
 * @nestjs/throttler's guard (which routes, which client, its headers and
 * 429) counting through the shared limiter instead of its own per-process
 * store. A refused client waits until the sliding window lets it in again;
 * no longer block is added.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly limiter: SharedRateLimiter) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const now = Date.now();
    const { allowed, retryAfterSeconds, used } = await this.limiter.hit(
      `throttle:${throttlerName}`,
      key,
      limit,
      ttl,
      now,
    );
    return {
      totalHits: allowed ? used : Math.max(used, limit + 1),
      timeToExpire: Math.ceil((ttl - (now % ttl)) / 1000),
      isBlocked: !allowed,
      timeToBlockExpire: retryAfterSeconds,
    };
  }
}
