import { DataSource } from 'typeorm';
import { SharedRateLimiter } from '../src/rate-limits/shared-rate-limiter';
import { type GatewayTestApp, startGateway } from './support/gateway-app';
import { UpstreamStub } from './support/upstream-stub';
import { clearOfMinuteStart } from './support/window-edge';

const MINUTE = 60_000;

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

  it('throttles logins from one client across the instances', async () => {
    const login = (gateway: GatewayTestApp) =>
      gateway
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', '198.51.100.30')
        .send({ username: 'someone.guessing', password: 'guess guess' });
    await login(first).expect(401);
    await login(second).expect(401);
    await login(first).expect(401);
    const throttled = await login(second).expect(429);
    expect(throttled.body.code).toBe('REQUEST.TOO_MANY');
    expect(Number(throttled.headers['retry-after-login'])).toBeGreaterThanOrEqual(1);
  });

  it('counts per instance while the database does not answer, and together again once it does', async () => {
    const dataSource = first.app.get(DataSource);
    await dataSource.query(`ALTER TABLE rate_limit_window RENAME TO rate_limit_window_away`);
    try {
      for (const gateway of [first, second]) {
        for (let i = 0; i < 3; i += 1) await get(gateway, '198.51.100.40').expect(200);
        await get(gateway, '198.51.100.40').expect(429);
      }
    } finally {
      await dataSource.query(`ALTER TABLE rate_limit_window_away RENAME TO rate_limit_window`);
    }
    await get(first, '198.51.100.41').expect(200);
    await get(second, '198.51.100.41').expect(200);
    await get(first, '198.51.100.41').expect(200);
    await get(second, '198.51.100.41').expect(429);
    // What the instances counted in memory meanwhile is forgotten with the database back.
    await get(first, '198.51.100.40').expect(200);
  });

  it('weighs the previous window by how much of it is still inside the last minute', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const other = second.app.get(SharedRateLimiter);
    const start = 1_000 * MINUTE;
    for (let i = 0; i < 10; i += 1) expect((await limiter.hit('test', 'a', 10, MINUTE, start + i)).allowed).toBe(true);
    expect(await other.hit('test', 'a', 10, MINUTE, start + 20)).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      used: 10,
    });
    // A quarter into the next window, three quarters of the previous ten still count: 7.5, room for three more.
    const now = start + MINUTE + 15_000;
    const allowed = [];
    for (const instance of [limiter, other, limiter])
      allowed.push((await instance.hit('test', 'a', 10, MINUTE, now)).allowed);
    expect(allowed).toEqual([true, true, true]);
    // 10 × (1 − e) + 3 < 10 once e > 0.3 of the window: 0.05 of a minute from now.
    expect(await other.hit('test', 'a', 10, MINUTE, now)).toEqual({ allowed: false, retryAfterSeconds: 3, used: 11 });
    // After two quiet windows nothing counts any more.
    expect((await other.hit('test', 'a', 10, MINUTE, start + 3 * MINUTE + 1)).allowed).toBe(true);
  });

  it('grants an instance that sees a client often several requests at once, never more than the limit in all', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const other = second.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const counted = async (client: string) =>
      Number((await dataSource.query(`SELECT hits FROM rate_limit_window WHERE client = $1`, [client]))[0].hits);
    const asked = jest.spyOn(dataSource, 'query');
    const start = 3_000 * MINUTE;
    try {
      // A limit of 1,000 a minute: at most 10 granted at once.
      for (let i = 0; i < 300; i += 1)
        expect((await limiter.hit('lease', 'busy', 1000, MINUTE, start + i)).allowed).toBe(true);
      expect(asked.mock.calls.length).toBeLessThanOrEqual(300 / 10 + 4);
      expect(await counted('busy')).toBeGreaterThanOrEqual(300);
      expect(await counted('busy')).toBeLessThan(300 + 10);
    } finally {
      asked.mockRestore();
    }

    // Both instances at once, far beyond a limit of 200 (at most 2 granted at once): 2 per instance may go unused.
    const decisions = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        (i % 2 === 0 ? limiter : other).hit('lease', 'racing', 200, MINUTE, start + i),
      ),
    );
    const allowed = decisions.filter((decision) => decision.allowed).length;
    expect(allowed).toBeLessThanOrEqual(200);
    expect(allowed).toBeGreaterThanOrEqual(196);
    expect(await counted('racing')).toBe(200);
  });

  it('holds a refusal on the instance until the estimate can have fallen', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const start = 4_000 * MINUTE;
    for (let i = 0; i < 4; i += 1)
      expect((await limiter.hit('held', 'a', 4, MINUTE, start + 1_000)).allowed).toBe(true);
    // The window is full until it ends; the next starts with 4 × (1 − e) < 4.
    const asked = jest.spyOn(dataSource, 'query');
    try {
      expect(await limiter.hit('held', 'a', 4, MINUTE, start + 10_000)).toMatchObject({
        allowed: false,
        retryAfterSeconds: 50,
      });
      expect(await limiter.hit('held', 'a', 4, MINUTE, start + 30_000)).toEqual({
        allowed: false,
        retryAfterSeconds: 30,
        used: 4,
      });
      expect(asked).toHaveBeenCalledTimes(1);
      expect((await limiter.hit('held', 'a', 4, MINUTE, start + MINUTE + 1)).allowed).toBe(true);
      expect(asked).toHaveBeenCalledTimes(2);
    } finally {
      asked.mockRestore();
    }
  });

  it('deletes the windows that no longer count', async () => {
    const limiter = first.app.get(SharedRateLimiter);
    const dataSource = first.app.get(DataSource);
    const start = 2_000 * MINUTE;
    await limiter.hit('sweep', 'a', 10, MINUTE, start);
    await limiter.hit('sweep', 'a', 10, MINUTE, start + MINUTE);
    await limiter.sweep(start + 2 * MINUTE);
    const left: { window_start: Date }[] = await dataSource.query(
      `SELECT window_start FROM rate_limit_window WHERE scope = 'sweep' ORDER BY window_start`,
    );
    expect(left.map((row) => row.window_start.getTime())).toEqual([start + MINUTE]);
  });
});
