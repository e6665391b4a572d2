import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { type Counter, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_ASKS, RATE_LIMIT_BREAK_MS, SharedRateLimiter } from '../src/rate-limits/shared-rate-limiter';
import { type GatewayTestApp, startGateway } from './support/gateway-app';
import { UpstreamStub } from './support/upstream-stub';
import { clearOfMinuteStart } from './support/window-edge';

const MINUTE = 60_000;
/** Times far ahead for the tests that set the clock: the instances' sweeps (on the real clock) leave their rows alone. */
const day = (n: number) => Date.UTC(2100, 0, n);

/** What a test that made the database fail leaves: instances counting in memory until their break is over. */
const waitOutBreak = () => sleep(RATE_LIMIT_BREAK_MS + 100);

/** The instances' requests to the database for one limit, by outcome. */
async function asks(scope: string): Promise<Record<string, number>> {
  const metric = register.getSingleMetric(RATE_LIMIT_ASKS) as Counter<string>;
  const { values } = await metric.get();
  return Object.fromEntries(
    values.filter((value) => value.labels.scope === scope).map((value) => [String(value.labels.outcome), value.value]),
  );
}

/** Two gateway instances on one database, as replicas behind a load balancer run. */
describe('gateway: rate limits counted by every instance together', () => {
  let first: GatewayTestApp;
  let second: GatewayTestApp;
  const registry = new UpstreamStub();

  beforeAll(async () => {
    const settings = {
      REGISTRY_URL: await registry.start(),
      API_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
    };
    first = await startGateway(settings);
    second = await startGateway(settings, first);
  });

  afterAll(async () => {
    await second.close();
    await first.close();
    await registry.stop();
  });

  beforeEach(() => clearOfMinuteStart());

  // Believed from loopback (TRUST_PROXY's default): each request comes from the address X-Forwarded-For names.
  const get = (gateway: GatewayTestApp, address: string) =>
    gateway.http().get('/api/registry/companies').set('x-forwarded-for', address);

  it('refuses a client spreading its API requests over the instances once it has sent the limit in all', async () => {
    const before = registry.seen.length;
    await get(first, '198.51.100.10').expect(200);
    await get(second, '198.51.100.10').expect(200);
    await get(first, '198.51.100.10').expect(200);
    const refused = await get(second, '198.51.100.10').expect(429);
    expect(refused.body.code).toBe('REQUEST.TOO_MANY');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await get(first, '198.51.100.10').expect(429);
    expect(registry.seen).toHaveLength(before + 3);
    // Another client has its own count.
    await get(second, '198.51.100.11').expect(200);
  });

  it('lets through exactly the limit of requests sent at once to both instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => get(i % 2 === 0 ? first : second, '198.51.100.20')),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(3).fill(200), ...Array(13).fill(429)]);
  });

  it('throttles logins from one client across the instances, refreshes apart', async () => {
    const from = '198.51.100.30';
    const login = (gateway: GatewayTestApp) =>
      gateway
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', from)
        .send({ username: 'someone.guessing', password: 'guess guess' });
    await login(first).expect(401);
    await login(second).expect(401);
    await login(first).expect(401);
    const throttled = await login(second).expect(429);
    expect(throttled.body.code).toBe('REQUEST.TOO_MANY');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled.headers['retry-after']).toBe(throttled.headers['retry-after-login']);
    const refresh = await second
      .http()
      .post('/api/auth/refresh')
      .set('x-forwarded-for', from)
      .send({ refreshToken: 'x'.repeat(43) });
    expect(refresh.status).toBe(401);
  });

  it('counts per instance while the database fails, without losing count, and together again once it answers', async () => {
    // Refused before the failure: the refusal holds on the instance without asking.
    for (let i = 0; i < 3; i += 1) await get(first, '198.51.100.40').expect(200);
    await get(first, '198.51.100.40').expect(429);
    const dataSource = first.app.get(DataSource);
    await dataSource.query(`ALTER TABLE rate_limit_window RENAME TO rate_limit_window_away`);
    try {
      for (let i = 0; i < 3; i += 1) {
        await get(first, '198.51.100.41').expect(200);
        await get(first, '198.51.100.40').expect(429);
      }
      await get(first, '198.51.100.41').expect(429);
      for (let i = 0; i < 3; i += 1) await get(second, '198.51.100.41').expect(200);
      await get(second, '198.51.100.41').expect(429);
    } finally {
      await dataSource.query(`ALTER TABLE rate_limit_window_away RENAME TO rate_limit_window`);
    }
    // The instances ask the database again once their break is over.
    await waitOutBreak();
    await get(first, '198.51.100.42').expect(200);
    await get(second, '198.51.100.42').expect(200);
    await get(first, '198.51.100.42').expect(200);
    await get(second, '198.51.100.42').expect(429);
  });

  // Ten seconds at most: a request that waited for the lock would wait until the test ends it.
  it('does not wait on a database that does not answer: a locked table is given up and counted in memory', async () => {
    const locker = new Client({ connectionString: first.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE rate_limit_window IN ACCESS EXCLUSIVE MODE');
      const failedBefore = (await asks('api')).failed ?? 0;
      for (let i = 0; i < 3; i += 1) await get(first, '198.51.100.50').expect(200);
      await get(first, '198.51.100.50').expect(429);
      expect((await asks('api')).failed).toBe(failedBefore + 1);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await waitOutBreak();
    }
  }, 10_000);

  it('says once that it counts in memory, and once that it counts together again; what it counted in memory is forgotten', async () => {
    // Counting together before the outage (the test before left the instance to recover at its next request).
    await get(first, '198.51.100.59').expect(200);
    const warned = jest.spyOn(Logger.prototype, 'warn');
    const told = jest.spyOn(Logger.prototype, 'log');
    const dataSource = first.app.get(DataSource);
    const outage = async (during: () => Promise<void>) => {
      await dataSource.query(`ALTER TABLE rate_limit_window RENAME TO rate_limit_window_away`);
      try {
        await during();
      } finally {
        await dataSource.query(`ALTER TABLE rate_limit_window_away RENAME TO rate_limit_window`);
        await waitOutBreak();
      }
    };
    const said = (spy: jest.SpyInstance, message: string) =>
      spy.mock.calls.filter((call) => call.includes(message)).length;
    try {
      await outage(async () => {
        for (let i = 0; i < 3; i += 1) await get(first, '198.51.100.60').expect(200);
        await get(first, '198.51.100.60').expect(429);
      });
      expect(said(warned, 'rate limits counted per instance until the database answers again')).toBe(1);
      await get(first, '198.51.100.61').expect(200);
      expect(said(told, 'rate limits counted in the database again')).toBe(1);
      await outage(async () => {
        await get(first, '198.51.100.60').expect(200);
      });
    } finally {
      warned.mockRestore();
      told.mockRestore();
    }
  });

  it('stores a client key too long for an index as its hash', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const long = 'x'.repeat(4_000);
    for (let i = 0; i < 2; i += 1) expect((await limiter.hit('long', long, 2, MINUTE, day(5) + i)).allowed).toBe(true);
    expect((await limiter.hit('long', long, 2, MINUTE, day(5) + 2)).allowed).toBe(false);
    const rows: { client: string }[] = await dataSource.query(
      `SELECT client FROM rate_limit_window WHERE scope = 'long'`,
    );
    expect(rows).toEqual([{ client: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }]);
  });

  it('weighs the previous window by how much of it is still inside the last minute', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const other = second.app.get(SharedRateLimiter);
    const start = day(1);
    for (let i = 0; i < 10; i += 1) expect((await limiter.hit('weigh', 'a', 10, MINUTE, start + i)).allowed).toBe(true);
    expect(await other.hit('weigh', 'a', 10, MINUTE, start + 20)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      used: 10,
    });
    // A quarter into the next window, three quarters of the previous ten still count: 7.5, room for three more.
    const now = start + MINUTE + 15_000;
    const allowed = [];
    for (const instance of [limiter, other, limiter]) {
      allowed.push((await instance.hit('weigh', 'a', 10, MINUTE, now)).allowed);
    }
    expect(allowed).toEqual([true, true, true]);
    // 10 × (1 − e) + 3 < 10 once e > 0.3 of the window: 0.05 of a minute from now.
    expect(await other.hit('weigh', 'a', 10, MINUTE, now)).toEqual({ allowed: false, retryAfterSeconds: 3, used: 11 });
    // After two quiet windows nothing counts any more.
    expect((await other.hit('weigh', 'a', 10, MINUTE, start + 3 * MINUTE + 1)).allowed).toBe(true);
  });

  it('grants an instance that sees a client often several requests at once, never more than the limit in all', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const other = second.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const counted = async (scope: string) =>
      Number(
        (await dataSource.query(`SELECT sum(hits) AS hits FROM rate_limit_window WHERE scope = $1`, [scope]))[0].hits,
      );
    const start = day(2);
    // A limit of 1,000 a minute: at most 10 granted at once.
    for (let i = 0; i < 300; i += 1) {
      expect((await limiter.hit('lease', 'busy', 1000, MINUTE, start + i)).allowed).toBe(true);
    }
    expect((await asks('lease')).granted).toBeLessThanOrEqual(300 / 10 + 4);
    expect(await counted('lease')).toBeGreaterThanOrEqual(300);
    expect(await counted('lease')).toBeLessThan(300 + 10);

    // Both instances at once, far beyond a limit of 200 (at most 2 granted at once): 2 per instance may go unused.
    const decisions = await Promise.all(
      Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? limiter : other).hit('racing', 'a', 200, MINUTE, start + i)),
    );
    const allowed = decisions.filter((decision) => decision.allowed).length;
    expect(allowed).toBeLessThanOrEqual(200);
    expect(allowed).toBeGreaterThanOrEqual(196);
    expect(await counted('racing')).toBe(200);
  });

  it('judges a request that waited past the start of a newer window in the newer one', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const start = day(3);
    // A limit of 400: grants of up to 4. The first request of the next window asks; one from the window before waits on it.
    const next = limiter.hit('late', 'a', 400, MINUTE, start + MINUTE);
    const late = limiter.hit('late', 'a', 400, MINUTE, start + MINUTE - 1);
    expect((await next).allowed).toBe(true);
    expect((await late).allowed).toBe(true);
    const rows: { window_start: Date; hits: number }[] = await dataSource.query(
      `SELECT window_start, hits FROM rate_limit_window WHERE scope = 'late'`,
    );
    expect(rows.map((row) => row.window_start.getTime())).toEqual([start + MINUTE]);
  });

  it('holds a refusal on the instance until the estimate can have fallen', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const start = day(4);
    for (let i = 0; i < 4; i += 1)
      expect((await limiter.hit('held', 'a', 4, MINUTE, start + 1_000)).allowed).toBe(true);
    const before = (await asks('held')).refused ?? 0;
    // The window is full until it ends; the next starts with 4 × (1 − e) < 4.
    expect(await limiter.hit('held', 'a', 4, MINUTE, start + 10_000)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 50,
    });
    expect(await limiter.hit('held', 'a', 4, MINUTE, start + 30_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
      used: 4,
    });
    expect((await asks('held')).refused).toBe(before + 1);
    expect((await limiter.hit('held', 'a', 4, MINUTE, start + MINUTE + 1)).allowed).toBe(true);
  });

  it('deletes the windows that no longer count', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const start = day(10);
    await limiter.hit('sweep', 'a', 10, MINUTE, start);
    await limiter.hit('sweep', 'a', 10, MINUTE, start + MINUTE);
    await limiter.sweep(start + 2 * MINUTE);
    const left: { window_start: Date }[] = await dataSource.query(
      `SELECT window_start FROM rate_limit_window WHERE scope = 'sweep' ORDER BY window_start`,
    );
    expect(left.map((row) => row.window_start.getTime())).toEqual([start + MINUTE]);
  });
});
