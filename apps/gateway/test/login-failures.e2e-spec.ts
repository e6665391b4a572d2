import { DataSource } from 'typeorm';
import { waitForLockWait } from '@redmet/testing';
import { sha256 } from '../src/auth/login-failures';
import { type GatewayTestApp, startGateway } from './support/gateway-app';

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong password!';

/**
 * The gateway believes X-Forwarded-For from loopback (TRUST_PROXY's default),
 * so each request comes from the address it names. The lock-out outlasts the
 * tests: nothing here depends on time passing.
 */
describe('gateway: failed logins counted per client address, with a ceiling at all addresses', () => {
  let gateway: GatewayTestApp;
  const login = (address: string, username: string, password = PASSWORD) =>
    gateway.http().post('/api/auth/login').set('x-forwarded-for', address).send({ username, password });
  type Entry = { action: string; client_ip: string; details: { scope?: string } };
  /** The audit trail of a subject, each entry with the scope of its lock-out, if it has one. */
  const trail = async (subject: string) => {
    const entries: Entry[] = await gateway.app
      .get(DataSource)
      .query('SELECT action, client_ip, details FROM auth_audit WHERE subject = $1 ORDER BY id', [subject]);
    return entries.map((entry) => ({ action: entry.action, clientIp: entry.client_ip, scope: entry.details.scope }));
  };
  const admin = async () => `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;

  beforeAll(async () => {
    gateway = await startGateway({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_ALL_ADDRESSES: '7',
      LOGIN_LOCKOUT_SECONDS: '3600',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('locks the name only at the address the failures came from: the holder signs in from another', async () => {
    const userId = await gateway.createUser('officer.targeted', PASSWORD, ['subsidy_officer']);
    for (let attempt = 0; attempt < 3; attempt += 1) await login('198.51.100.1', 'officer.targeted', WRONG).expect(401);

    await login('198.51.100.1', 'officer.targeted').expect(423);
    await login('192.0.2.10', 'officer.targeted').expect(200);
    await login('198.51.100.1', 'officer.targeted').expect(423);
    expect((await trail(userId)).filter((entry) => entry.action === 'account_locked')).toEqual([
      { action: 'account_locked', clientIp: '198.51.100.1', scope: 'address' },
    ]);
  });

  it('answers a name nobody has, a wrong password and a disabled account alike, at each address and at the ceiling', async () => {
    await gateway.createUser('officer.known', PASSWORD, ['subsidy_officer']);
    const disabledId = await gateway.createUser('officer.disabled', PASSWORD, ['subsidy_officer']);
    await gateway
      .http()
      .post(`/api/users/${disabledId}/disable`)
      .set('authorization', await admin())
      .expect(201);
    // The disabled account is tried with its right password, which the answers must not confirm;
    // where `right` is set, every name is given the account's right password.
    const steps = [
      { address: '203.0.113.1', status: 401 },
      { address: '203.0.113.1', status: 401 },
      { address: '203.0.113.1', status: 401 },
      // Locked at this address only, and not counted.
      { address: '203.0.113.1', status: 423, right: true },
      { address: '203.0.113.2', status: 401 },
      { address: '203.0.113.2', status: 401 },
      { address: '203.0.113.3', status: 401 },
      // The seventh failure at the name reached the ceiling: locked at every address.
      { address: '203.0.113.3', status: 401 },
      { address: '203.0.113.4', status: 423, right: true },
    ];
    const names: [string, string][] = [
      ['officer.known', WRONG],
      ['officer.unknown', WRONG],
      ['officer.disabled', PASSWORD],
    ];
    type Answer = { status: number; body: { code?: string; detail?: string }; headers: Record<string, string> };
    const seen = ({ status, body, headers }: Answer) => ({
      status,
      code: body.code,
      detail: body.detail?.replace(/after \S+$/, 'after <time>'),
      headers: Object.keys(headers).sort(),
    });
    const sequences: ReturnType<typeof seen>[][] = names.map(() => []);
    for (const step of steps) {
      const answers = await Promise.all(
        names.map(([name, password]) => login(step.address, name, step.right ? PASSWORD : password)),
      );
      answers.forEach((answer, index) => sequences[index].push(seen(answer)));
    }

    const [known, unknown, disabled] = sequences;
    expect(known.map((answer) => answer.status)).toEqual(steps.map((step) => step.status));
    expect(unknown).toEqual(known);
    expect(disabled).toEqual(known);
    const locks = (await trail('officer.unknown')).filter((entry) => entry.action === 'account_locked');
    expect(locks).toEqual([
      { action: 'account_locked', clientIp: '203.0.113.1', scope: 'address' },
      { action: 'account_locked', clientIp: '203.0.113.3', scope: 'all addresses' },
    ]);
  });

  it('keeps counting at all addresses across a success, which forgets only its own address and keeps it open', async () => {
    await gateway.createUser('producer.besieged', PASSWORD, ['producer'], '9a0b7c6d-0000-4000-8000-000000000001');
    const holder = '192.0.2.20';
    for (let attempt = 0; attempt < 2; attempt += 1) await login(holder, 'producer.besieged', WRONG).expect(401);
    await login(holder, 'producer.besieged').expect(200);
    // The holder's address starts a new run: two more failures there do not lock it.
    for (let attempt = 0; attempt < 2; attempt += 1) await login(holder, 'producer.besieged', WRONG).expect(401);

    // A guesser elsewhere gets no fresh tries from the holder's success: 4 + 3 reach the ceiling.
    for (const address of ['198.51.100.21', '198.51.100.21', '198.51.100.22']) {
      await login(address, 'producer.besieged', WRONG).expect(401);
    }
    await login('198.51.100.23', 'producer.besieged').expect(423);

    // The address the holder signed in from keeps its own tries, and only those.
    await login(holder, 'producer.besieged').expect(200);
    for (let attempt = 0; attempt < 3; attempt += 1) await login(holder, 'producer.besieged', WRONG).expect(401);
    await login(holder, 'producer.besieged').expect(423);
    await login('198.51.100.23', 'producer.besieged').expect(423);
  });

  it.each([
    [
      'a password reset',
      'officer.robbed',
      async (userId: string, bearer: string) => {
        await gateway
          .http()
          .post(`/api/users/${userId}/password`)
          .set('authorization', bearer)
          .send({ password: 'a new password, not stolen' })
          .expect(204);
      },
    ],
    [
      'disabling the account',
      'officer.suspended',
      async (userId: string, bearer: string) => {
        await gateway.http().post(`/api/users/${userId}/disable`).set('authorization', bearer).expect(201);
        await gateway.http().post(`/api/users/${userId}/enable`).set('authorization', bearer).expect(201);
      },
    ],
  ])(
    'forgets the addresses the account signed in from on %s: a thief who signed in keeps no tries while the name is locked everywhere',
    async (_change, username, change) => {
      const userId = await gateway.createUser(username, PASSWORD, ['subsidy_officer']);
      const thief = '192.0.2.50';
      await login(thief, username).expect(200);
      await change(userId, await admin());

      // 3 + 3 + 1 failures reach the ceiling of 7: the name is locked at every address.
      for (const address of ['198.51.100.51', '198.51.100.52']) {
        for (let attempt = 0; attempt < 3; attempt += 1) await login(address, username, WRONG).expect(401);
      }
      await login('198.51.100.53', username, WRONG).expect(401);
      await login('198.51.100.54', username).expect(423);

      // With the password the thief signed in with: known still, the address would get a 401, or a 200.
      await login(thief, username).expect(423);
    },
  );

  it('counts the addresses of one IPv6 /64 as one, so that one host cannot lock the name everywhere alone', async () => {
    await gateway.createUser('analyst.ipv6', PASSWORD, ['ministry_analyst']);
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::3']) {
      await login(address, 'analyst.ipv6', WRONG).expect(401);
    }

    await login('2001:db8:1:2::4', 'analyst.ipv6').expect(423);
    await login('2001:db8:1:3::1', 'analyst.ipv6').expect(200);
  });

  it('counts failures at all addresses within one lock-out time from the first: two addresses taking turns cannot lock the name everywhere', async () => {
    await gateway.createUser('officer.turns', PASSWORD, ['subsidy_officer']);
    const [first, second] = ['198.51.100.31', '198.51.100.32'];
    /** Moves the name's runs and locks `seconds` into the past, as if that long had gone by. */
    const later = async (seconds: number) => {
      for (const table of ['login_failure', 'login_failure_by_address']) {
        await gateway.app.get(DataSource).query(
          `UPDATE ${table} SET expires_at = expires_at - make_interval(secs => $2),
                  locked_until = locked_until - make_interval(secs => $2) WHERE username_hash = $1`,
          [sha256('officer.turns'), seconds],
        );
      }
    };
    for (let attempt = 0; attempt < 3; attempt += 1) await login(first, 'officer.turns', WRONG).expect(401);
    await later(3590);
    // Just before the first address's lock ends, the second keeps the run at all addresses going...
    for (let attempt = 0; attempt < 2; attempt += 1) await login(second, 'officer.turns', WRONG).expect(401);
    await later(20);
    // ...and once the first address may try again, its tries begin another run, not the 8th of 7.
    for (let attempt = 0; attempt < 2; attempt += 1) await login(first, 'officer.turns', WRONG).expect(401);

    await login('192.0.2.33', 'officer.turns').expect(200);
  });

  it.each([
    ['a new password', 'officer.reset', 'password', { password: 'another horse battery' }],
    ['enabling the account', 'officer.enabled.again', 'enable', {}],
  ])(
    'takes %s after the name, as a sign-in under way holds them: it never holds the account while waiting for the name',
    async (_, username, action, body) => {
      const userId = await gateway.createUser(username, PASSWORD, ['subsidy_officer']);
      if (action === 'enable') {
        await gateway
          .http()
          .post(`/api/users/${userId}/disable`)
          .set('authorization', await admin())
          .expect(201);
      }
      // The name has a row already (an earlier failure), as it usually has.
      await login('192.0.2.60', username, WRONG).expect(401);
      const signIn = gateway.app.get(DataSource).createQueryRunner();
      await signIn.connect();
      await signIn.startTransaction();
      try {
        // A sign-in under way holds the name's row until it commits...
        await signIn.query(
          `INSERT INTO login_failure (username_hash, failures, expires_at) VALUES ($1, 0, 'epoch')
           ON CONFLICT (username_hash) DO UPDATE SET failures = login_failure.failures`,
          [sha256(username)],
        );
        const change = gateway
          .http()
          .post(`/api/users/${userId}/${action}`)
          .set('authorization', await admin())
          .send(body)
          .then((response) => response);
        await waitForLockWait((sql) => gateway.app.get(DataSource).query(sql));
        // ...and, succeeding, inserts its refresh token, which needs the account: the change must not hold it.
        await signIn.query('SELECT 1 FROM app_user WHERE id = $1 FOR KEY SHARE NOWAIT', [userId]);
        await signIn.commitTransaction();
        expect((await change).status).toBeLessThan(300);
      } finally {
        if (signIn.isTransactionActive) await signIn.rollbackTransaction();
        await signIn.release();
      }
    },
  );

  it('lets an admin lift every lock of the name, at each address and at all, and audits the latest', async () => {
    const userId = await gateway.createUser('analyst.unlocked', PASSWORD, ['ministry_analyst']);
    for (const address of ['198.51.100.31', '198.51.100.32']) {
      for (let attempt = 0; attempt < 3; attempt += 1) await login(address, 'analyst.unlocked', WRONG).expect(401);
    }
    await login('198.51.100.33', 'analyst.unlocked', WRONG).expect(401);
    await login('192.0.2.30', 'analyst.unlocked').expect(423);
    const account = await gateway
      .http()
      .get(`/api/users/${userId}`)
      .set('authorization', await admin())
      .expect(200);
    const [{ details: everywhere }] = await gateway.app
      .get(DataSource)
      .query(`SELECT details FROM auth_audit WHERE subject = $1 AND details->>'scope' = 'all addresses'`, [userId]);
    expect(account.body.lockedUntil).toBe(everywhere.until);

    await gateway
      .http()
      .post(`/api/users/${userId}/unlock`)
      .set('authorization', await admin())
      .expect(204);

    for (const address of ['198.51.100.31', '198.51.100.32', '192.0.2.30']) {
      await login(address, 'analyst.unlocked').expect(200);
    }
    const [{ details: unlocked }] = await gateway.app
      .get(DataSource)
      .query(`SELECT details FROM auth_audit WHERE subject = $1 AND action = 'account_unlocked'`, [userId]);
    expect(unlocked).toEqual({ lockedUntil: everywhere.until });
  });

  it('deletes expired rows of every address, counted or known, as attempts go on', async () => {
    const database = gateway.app.get(DataSource);
    await database.query(
      `INSERT INTO login_failure_by_address (username_hash, address, failures, expires_at)
       SELECT 'expired-' || n, '198.51.100.40', 1, now() - interval '1 minute' FROM generate_series(1, 5) AS n`,
    );
    await database.query(
      `INSERT INTO login_known_address (username_hash, address, expires_at)
       SELECT 'expired-' || n, '198.51.100.40', now() - interval '1 minute' FROM generate_series(1, 5) AS n`,
    );
    await login('198.51.100.41', 'nobody.sweeping', WRONG).expect(401);
    for (const table of ['login_failure_by_address', 'login_known_address']) {
      expect(await database.query(`SELECT 1 FROM ${table} WHERE username_hash LIKE 'expired-%'`)).toEqual([]);
    }
  });
});
