import { SlidingWindowRateLimiter } from './sliding-window';

const MINUTE = 60_000;

describe('SlidingWindowRateLimiter', () => {
  it('lets a client send up to the limit in a window, then refuses with the wait until it may again', () => {
    const limiter = new SlidingWindowRateLimiter(3, MINUTE);
    const start = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit('a', start + i).allowed)).toEqual([true, true, true]);
    const refused = limiter.hit('a', start + 10_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 50, used: 3 });
    // Another client has its own count.
    expect(limiter.hit('b', start + 10_000).allowed).toBe(true);
  });

  it('counts the previous window by how much of it is still inside the last minute', () => {
    const limiter = new SlidingWindowRateLimiter(10, MINUTE);
    const start = 0;
    for (let i = 0; i < 10; i += 1) expect(limiter.hit('a', start + i).allowed).toBe(true);
    // A quarter into the next window, three quarters of the previous ten still count: 7.5, room for three more.
    const now = MINUTE + 15_000;
    expect([1, 2, 3].map(() => limiter.hit('a', now).allowed)).toEqual([true, true, true]);
    const refused = limiter.hit('a', now);
    expect(refused.allowed).toBe(false);
    // 10 × (1 − e) + 3 < 10 once e > 0.3 of the window: 0.05 of a minute from now.
    expect(refused.retryAfterSeconds).toBe(3);
    // After two quiet windows nothing counts any more.
    expect(limiter.hit('a', 3 * MINUTE + 1).allowed).toBe(true);
  });

  it('tells a client that used its whole window to wait into the next one', () => {
    const limiter = new SlidingWindowRateLimiter(4, MINUTE);
    for (let i = 0; i < 4; i += 1) limiter.hit('a', 0);
    // 30 s left of this window; the next starts with 4 × (1 − e) ≥ 4 until it has begun.
    expect(limiter.hit('a', 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30, used: 4 });
    expect(limiter.hit('a', MINUTE + 1).allowed).toBe(true);
  });

  it('forgets clients idle for two windows', () => {
    const limiter = new SlidingWindowRateLimiter(5, MINUTE);
    limiter.hit('a', 0);
    limiter.hit('b', MINUTE);
    limiter.sweep(2 * MINUTE);
    expect(limiter.size).toBe(1);
  });
});
