import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DataSource } from 'typeorm';
import { TokenIssuer } from '../src/auth/token-issuer';
import { type GatewayTestApp, startGateway } from './support/gateway-app';
import { clearOfMinuteStart } from './support/window-edge';

const PASSWORD = 'correct horse battery';

describe('gateway: logins, tokens and accounts', () => {
  let gateway: GatewayTestApp;
  const audit = async (subject: string) =>
    (
      await gateway.app.get(DataSource).query('SELECT action FROM auth_audit WHERE subject = $1 ORDER BY id', [subject])
    ).map((row: { action: string }) => row.action);
  const login = (username: string, password = PASSWORD) =>
    gateway.http().post('/api/auth/login').send({ username, password });

  beforeAll(async () => {
    gateway = await startGateway({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '2',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('issues a short-lived token that the published JWKS verifies, with roles and the producer company', async () => {
    const companyId = randomUUID();
    const userId = await gateway.createUser('producer.one', PASSWORD, ['producer'], companyId);

    const { body } = await login('producer.one').expect(200);

    const jwks = createLocalJWKSet((await gateway.http().get('/.well-known/jwks.json').expect(200)).body);
    const { payload, protectedHeader } = await jwtVerify(body.accessToken, jwks, {
      issuer: 'redmet-gateway',
      audience: 'redmet',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: userId, roles: ['producer'], company_id: companyId });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);
    const me = await gateway.http().get('/api/auth/me').set('authorization', `Bearer ${body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ userId, roles: ['producer'], companyId });
    expect(await audit(userId)).toEqual(['user_created', 'login_succeeded']);
  });

  it('serves the JWKS with a cache lifetime within which a key rotation may go on', async () => {
    const published = await gateway.http().get('/.well-known/jwks.json').expect(200);
    expect(published.headers['cache-control']).toBe('public, max-age=60');
  });

  it('records no sign-in that gave no session: the audit entry commits with the tokens', async () => {
    const userId = await gateway.createUser('producer.unlucky', PASSWORD, ['producer'], randomUUID());
    const issue = jest.spyOn(gateway.app.get(TokenIssuer), 'issue').mockRejectedValueOnce(new Error('key store gone'));
    try {
      await login('producer.unlucky').expect(500);
    } finally {
      issue.mockRestore();
    }
    expect(await audit(userId)).toEqual(['user_created']);
    const sessions = await gateway.app
      .get(DataSource)
      .query('SELECT 1 FROM refresh_token WHERE user_id = $1', [userId]);
    expect(sessions).toEqual([]);

    await login('producer.unlucky').expect(200);
    expect(await audit(userId)).toEqual(['user_created', 'login_succeeded']);
  });

  it('answers a wrong password and an unknown name alike, and audits both', async () => {
    await gateway.createUser('officer.one', PASSWORD, ['subsidy_officer']);
    const wrong = await login('officer.one', 'not the password').expect(401);
    const unknown = await login('nobody.at.all', 'whatever it is').expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(await audit('nobody.at.all')).toEqual(['login_failed']);
  });

  it('locks an account after repeated failures, even against the right password, and unlocks it later or at a new password', async () => {
    const userId = await gateway.createUser('analyst.one', PASSWORD, ['ministry_analyst']);
    for (let attempt = 0; attempt < 3; attempt += 1) await login('analyst.one', 'wrong password!').expect(401);

    const locked = await login('analyst.one').expect(423);
    expect(locked.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect(await audit(userId)).toEqual([
      'user_created',
      'login_failed',
      'login_failed',
      'account_locked',
      'login_failed',
      'login_failed',
    ]);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    await login('analyst.one').expect(200);

    // Locked again, and lifted at once by an admin's new password.
    for (let attempt = 0; attempt < 3; attempt += 1) await login('analyst.one', 'wrong password!').expect(401);
    await login('analyst.one').expect(423);
    await gateway
      .http()
      .post(`/api/users/${userId}/password`)
      .set('authorization', `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`)
      .send({ password: 'a brand new password' })
      .expect(204);
    await login('analyst.one', 'a brand new password').expect(200);
  });

  describe('the same answers whether or not a name is an account', () => {
    type Answer = { status: number; body: { code?: string; detail?: string }; headers: Record<string, string> };
    const UNLOCK_TIME = /after (\S+)$/;
    /** What a caller sees of an answer, the unlock time apart (compared separately). */
    const seen = ({ status, body, headers }: Answer) => ({
      status,
      code: body.code,
      detail: body.detail?.replace(UNLOCK_TIME, 'after <time>'),
      headers: Object.keys(headers).sort(),
    });
    const unlocksAt = ({ body }: Answer) => Date.parse(UNLOCK_TIME.exec(body.detail ?? '')?.[1] ?? '');
    const disable = async (userId: string) =>
      gateway
        .http()
        .post(`/api/users/${userId}/disable`)
        .set('authorization', `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`)
        .expect(201);

    it('locks a name nobody has, a wrong password and a disabled account alike: statuses, codes, unlock times', async () => {
      await gateway.createUser('analyst.known', PASSWORD, ['ministry_analyst']);
      await disable(await gateway.createUser('analyst.disabled', PASSWORD, ['ministry_analyst']));
      // The disabled account is tried with its right password, which the answers must not confirm;
      // from the fourth try on, every name is given the account's right password.
      const tries: [string, string][] = [
        ['analyst.known', 'wrong password!'],
        ['analyst.unknown', 'wrong password!'],
        ['analyst.disabled', PASSWORD],
      ];
      const sequences: Answer[][] = tries.map(() => []);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answers = await Promise.all(
          tries.map(([name, password]) => login(name, attempt < 3 ? password : PASSWORD)),
        );
        answers.forEach((answer, index) => sequences[index].push(answer));
      }

      const [known, unknown, disabled] = sequences.map((sequence) => sequence.map(seen));
      expect(known.map(({ status, code }) => [status, code])).toEqual([
        [401, 'AUTH.UNAUTHENTICATED'],
        [401, 'AUTH.UNAUTHENTICATED'],
        [401, 'AUTH.UNAUTHENTICATED'],
        [423, 'AUTH.ACCOUNT_LOCKED'],
        [423, 'AUTH.ACCOUNT_LOCKED'],
      ]);
      expect(unknown).toEqual(known);
      expect(disabled).toEqual(known);
      const unlocks = sequences.map((sequence) => unlocksAt(sequence[3]));
      expect(Math.max(...unlocks) - Math.min(...unlocks)).toBeLessThan(1000);
      expect(await audit('analyst.unknown')).toEqual([
        'login_failed',
        'login_failed',
        'account_locked',
        'login_failed',
        'login_failed',
        'login_failed',
      ]);
    });

    it('counts every one of parallel attempts at a name, an account or not', async () => {
      await gateway.createUser('analyst.parallel', PASSWORD, ['ministry_analyst']);
      for (const name of ['analyst.parallel', 'nobody.parallel']) {
        const answers = await Promise.all(Array.from({ length: 5 }, () => login(name, 'wrong password!')));
        // The third failure locks; the two decided after it find the name locked.
        expect(answers.map((answer) => answer.status).sort()).toEqual([401, 401, 401, 423, 423]);
        await login(name).expect(423);
      }
    });

    it('forgets a run of failures LOGIN_LOCKOUT_SECONDS after its last one, for an account and any name', async () => {
      await gateway.createUser('analyst.patient', PASSWORD, ['ministry_analyst']);
      for (const name of ['analyst.patient', 'nobody.patient']) {
        for (let attempt = 0; attempt < 2; attempt += 1) await login(name, 'wrong password!').expect(401);
      }
      await new Promise((resolve) => setTimeout(resolve, 2100));

      // The failure that would have been the third in a row is a first again: neither name is locked.
      await login('analyst.patient', 'wrong password!').expect(401);
      await login('nobody.patient', 'wrong password!').expect(401);
      await login('analyst.patient').expect(200);
      await login('nobody.patient', 'wrong password!').expect(401);
    });

    it('deletes expired failure rows as attempts go on, so the table does not grow for good', async () => {
      const database = gateway.app.get(DataSource);
      await database.query(
        `INSERT INTO login_failure (username_hash, failures, expires_at)
         SELECT 'expired-' || n, 1, now() - interval '1 minute' FROM generate_series(1, 5) AS n`,
      );
      await login('nobody.sweeping', 'wrong password!').expect(401);
      expect(await database.query(`SELECT 1 FROM login_failure WHERE username_hash LIKE 'expired-%'`)).toEqual([]);
    });
  });

  it('lets only admins manage accounts, audits role changes, and applies them at the next refresh', async () => {
    const adminId = await gateway.createUser('admin.one', PASSWORD, ['admin']);
    const userId = await gateway.createUser('registry.one', PASSWORD, ['registry_admin']);
    const admin = `Bearer ${(await login('admin.one').expect(200)).body.accessToken}`;
    const session = (await login('registry.one').expect(200)).body;
    const notAdmin = `Bearer ${session.accessToken}`;

    await gateway.http().get('/api/users').set('authorization', notAdmin).expect(403);
    await gateway.http().get('/api/users').expect(401);
    const changed = await gateway
      .http()
      .patch(`/api/users/${userId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['registry_admin', 'ministry_analyst'] })
      .expect(200);
    expect(changed.body.roles).toEqual(['registry_admin', 'ministry_analyst']);

    const refreshed = await gateway
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(200);
    const me = await gateway
      .http()
      .get('/api/auth/me')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    expect(me.body.roles).toEqual(['registry_admin', 'ministry_analyst']);
    const trail = await gateway.app
      .get(DataSource)
      .query(`SELECT actor_id, details FROM auth_audit WHERE subject = $1 AND action = 'roles_changed'`, [userId]);
    expect(trail).toEqual([
      {
        actor_id: adminId,
        details: {
          before: { roles: ['registry_admin'], companyId: null },
          after: { roles: ['registry_admin', 'ministry_analyst'], companyId: null },
        },
      },
    ]);
  });

  it('lists the enabled subsidy officers, names and ids, to officers and admins only', async () => {
    const officerId = await gateway.createUser('directory.officer', PASSWORD, ['subsidy_officer']);
    const colleagueId = await gateway.createUser('directory.colleague', PASSWORD, ['subsidy_officer']);
    const goneId = await gateway.createUser('directory.gone', PASSWORD, ['subsidy_officer']);
    const analystId = await gateway.createUser('directory.analyst', PASSWORD, ['ministry_analyst']);
    await gateway.createUser('directory.admin', PASSWORD, ['admin']);
    const bearer = async (username: string) => `Bearer ${(await login(username).expect(200)).body.accessToken}`;
    const [officer, analyst, admin] = await Promise.all(
      ['directory.officer', 'directory.analyst', 'directory.admin'].map(bearer),
    );
    await gateway.http().post(`/api/users/${goneId}/disable`).set('authorization', admin).expect(201);

    const listed = await gateway.http().get('/api/directory/officers').set('authorization', officer).expect(200);
    const ids = (listed.body.items as { userId: string; name: string }[]).map((entry) => entry.userId);
    expect(ids).toEqual(expect.arrayContaining([officerId, colleagueId]));
    expect(ids).not.toContain(goneId);
    expect(ids).not.toContain(analystId);
    expect(listed.body.items.find((entry: { userId: string }) => entry.userId === colleagueId)).toEqual({
      userId: colleagueId,
      name: expect.any(String),
    });
    await gateway.http().get('/api/directory/officers').set('authorization', admin).expect(200);
    await gateway.http().get('/api/directory/officers').set('authorization', analyst).expect(403);
    await gateway.http().get('/api/directory/officers').expect(401);
  });

  it('refuses a producer account without a company, with a field message, and writes nothing', async () => {
    const adminToken = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const before = await gateway.app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user');
    const response = await gateway
      .http()
      .post('/api/users')
      .set('authorization', adminToken)
      .send({ username: 'producer.two', displayName: 'P', password: PASSWORD, roles: ['producer'] })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'companyId', messages: ['a producer acts for one company: give companyId'] },
    ]);
    expect(await gateway.app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user')).toEqual(before);
  });

  it('keeps nothing of a body carrying a password, though it came with an Idempotency-Key', async () => {
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const key = randomUUID();
    const database = gateway.app.get(DataSource);
    const kept = () => database.query('SELECT 1 FROM idempotent_request WHERE idempotency_key = $1', [key]);
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .set('idempotency-key', key)
      .send({ username: 'analyst.keyed', displayName: 'A', password: PASSWORD, roles: ['ministry_analyst'] })
      .expect(201);
    await gateway
      .http()
      .post(`/api/users/${created.body.id}/password`)
      .set('authorization', admin)
      .set('idempotency-key', key)
      .send({ password: `${PASSWORD} again` })
      .expect(204);
    expect(await kept()).toEqual([]);

    const keyed = await gateway
      .http()
      .patch(`/api/users/${created.body.id}/roles`)
      .set('authorization', admin)
      .set('idempotency-key', key)
      .send({ roles: ['subsidy_officer'] })
      .expect(200);
    expect(keyed.headers['idempotency-replayed']).toBeUndefined();
    expect(await kept()).toEqual([{ '?column?': 1 }]);
  });

  it('takes a company id in either case, and keeps, answers and audits it in lower case', async () => {
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const companyId = randomUUID();
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({
        username: 'producer.case',
        displayName: 'P',
        password: PASSWORD,
        roles: ['producer'],
        companyId: companyId.toUpperCase(),
      })
      .expect(201);
    const changed = await gateway
      .http()
      .patch(`/api/users/${created.body.id}/roles`)
      .set('authorization', admin)
      .send({ roles: ['producer'], companyId: companyId.toUpperCase() })
      .expect(200);

    expect(changed.body.companyId).toBe(companyId);
    const trail = await gateway.app
      .get(DataSource)
      .query('SELECT details FROM auth_audit WHERE subject = $1 ORDER BY id', [created.body.id]);
    expect(trail).toEqual([
      { details: { roles: ['producer'], companyId } },
      { details: { before: { roles: ['producer'], companyId }, after: { roles: ['producer'], companyId } } },
    ]);
  });

  it('refuses a blank display name as a field error, and writes nothing', async () => {
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const count = async () =>
      (await gateway.app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user'))[0].n as number;
    const before = await count();

    const refused = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'blank.name', displayName: ' \t ', password: PASSWORD, roles: ['ministry_analyst'] })
      .expect(400);

    expect(refused.body.errors).toEqual([{ field: 'displayName', messages: ['displayName must not be blank'] }]);
    expect(await count()).toBe(before);
  });

  it('refuses a company for staff, on creation and on a change of roles', async () => {
    const adminToken = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const companyId = randomUUID();
    const count = async () =>
      (await gateway.app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user'))[0].n as number;
    const before = await count();
    const refusal = [{ field: 'companyId', messages: ['only a producer acts for a company: leave companyId out'] }];
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', adminToken)
      .send({ username: 'officer.bound', displayName: 'O', password: PASSWORD, roles: ['subsidy_officer'], companyId })
      .expect(400);
    expect([created.body.code, created.body.errors]).toEqual(['USER.COMPANY_NOT_FOR_ROLE', refusal]);
    expect(await count()).toBe(before);

    const producerId = await gateway.createUser('producer.turned.analyst', PASSWORD, ['producer'], companyId);
    const changed = await gateway
      .http()
      .patch(`/api/users/${producerId}/roles`)
      .set('authorization', adminToken)
      .send({ roles: ['ministry_analyst'], companyId })
      .expect(400);
    expect(changed.body.errors).toEqual(refusal);
    const [account] = await gateway.app
      .get(DataSource)
      .query('SELECT roles, company_id AS "companyId" FROM app_user WHERE id = $1', [producerId]);
    expect(account).toEqual({ roles: ['producer'], companyId });

    // Leaving the company out makes the producer staff, bound to no company.
    await gateway
      .http()
      .patch(`/api/users/${producerId}/roles`)
      .set('authorization', adminToken)
      .send({ roles: ['ministry_analyst'] })
      .expect(200);
  });

  it('refuses a producer who would also hold a staff role, on creation and on a change of roles', async () => {
    const adminToken = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const companyId = randomUUID();
    const count = async () =>
      (await gateway.app.get(DataSource).query('SELECT count(*)::int AS n FROM app_user'))[0].n as number;
    const before = await count();
    const conflict = [
      {
        field: 'roles',
        messages: ['a producer acts for its company only: give it no other role, or make a second account'],
      },
    ];
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', adminToken)
      .send({
        username: 'producer.officer',
        displayName: 'P',
        password: PASSWORD,
        roles: ['producer', 'subsidy_officer'],
        companyId,
      })
      .expect(400);
    expect([created.body.code, created.body.errors]).toEqual(['USER.ROLES_CONFLICT', conflict]);
    expect(await count()).toBe(before);

    const producerId = await gateway.createUser('producer.single', PASSWORD, ['producer'], companyId);
    const changed = await gateway
      .http()
      .patch(`/api/users/${producerId}/roles`)
      .set('authorization', adminToken)
      .send({ roles: ['producer', 'ministry_analyst'], companyId })
      .expect(400);
    expect(changed.body.errors).toEqual(conflict);
    const [{ roles }] = await gateway.app
      .get(DataSource)
      .query('SELECT roles FROM app_user WHERE id = $1', [producerId]);
    expect(roles).toEqual(['producer']);
  });

  it('ends the sessions of a disabled account', async () => {
    const userId = await gateway.createUser('finance.one', PASSWORD, ['finance_officer']);
    const session = (await login('finance.one').expect(200)).body;
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    await gateway.http().post(`/api/users/${userId}/disable`).set('authorization', admin).expect(201);

    await gateway.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await login('finance.one').expect(401);
  });

  it('ends the sessions of an account whose password is reset', async () => {
    const userId = await gateway.createUser('finance.two', PASSWORD, ['finance_officer']);
    const session = (await login('finance.two').expect(200)).body;
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    await gateway
      .http()
      .post(`/api/users/${userId}/password`)
      .set('authorization', admin)
      .send({ password: 'a new password' })
      .expect(204);

    await gateway.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await login('finance.two', 'a new password').expect(200);
  });

  it('refuses the account routes to an admin disabled or demoted since its token was issued', async () => {
    const disabledId = await gateway.createUser('admin.disabled', PASSWORD, ['admin']);
    const demotedId = await gateway.createUser('admin.demoted', PASSWORD, ['admin']);
    const disabled = `Bearer ${(await login('admin.disabled').expect(200)).body.accessToken}`;
    const demoted = `Bearer ${(await login('admin.demoted').expect(200)).body.accessToken}`;
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    await gateway.http().post(`/api/users/${disabledId}/disable`).set('authorization', admin).expect(201);
    await gateway
      .http()
      .patch(`/api/users/${demotedId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['ministry_analyst'] })
      .expect(200);

    await gateway.http().post(`/api/users/${disabledId}/enable`).set('authorization', disabled).expect(401);
    const refused = await gateway
      .http()
      .patch(`/api/users/${demotedId}/roles`)
      .set('authorization', demoted)
      .send({ roles: ['admin'] })
      .expect(403);
    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
    const account = await gateway.http().get(`/api/users/${disabledId}`).set('authorization', admin).expect(200);
    expect(account.body).toMatchObject({ disabled: true });
  });

  it('answers 409, not 500, when another request creates the same username meanwhile', async () => {
    const database = gateway.app.get(DataSource);
    const other = database.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles) VALUES ('twice.sent', 'T', 'x', '{admin}')`,
    );
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const created = gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'twice.sent', displayName: 'T', password: PASSWORD, roles: ['ministry_analyst'] })
      .then((response) => response);
    // Its look-up found no such name; its insert waits for the other transaction.
    while ((await database.query('SELECT 1 FROM pg_locks WHERE NOT granted')).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await other.commitTransaction();
    await other.release();

    const response = await created;
    expect([response.status, response.body.code]).toEqual([409, 'USER.USERNAME_TAKEN']);
    expect(response.body.errors).toEqual([{ field: 'username', messages: ['The username twice.sent is taken'] }]);
  });

  it('refuses control characters in a username or display name as a field error, not a 500', async () => {
    const refused = await login('admin\u0007', 'whatever it is').expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'username', messages: ['username must not contain control characters'] },
    ]);
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'nul.name', displayName: 'A\u0007B', password: PASSWORD, roles: ['ministry_analyst'] })
      .expect(400);
    expect(created.body.errors).toEqual([
      { field: 'displayName', messages: ['displayName must not contain control characters'] },
    ]);
  });

  describe('sessions', () => {
    const refresh = (refreshToken: string) => gateway.http().post('/api/auth/refresh').send({ refreshToken });
    const tokenRow = (userId: string) =>
      gateway.app
        .get(DataSource)
        .query(
          `SELECT session_id, expires_at, session_started_at FROM refresh_token
            WHERE user_id = $1 AND spent_at IS NULL`,
          [userId],
        )
        .then(([row]) => row as { session_id: string; expires_at: Date; session_started_at: Date });

    it('ends the whole session when a spent refresh token is used again later (a stolen copy), and audits it', async () => {
      const userId = await gateway.createUser('analyst.reuse', PASSWORD, ['ministry_analyst']);
      const first = (await login('analyst.reuse').expect(200)).body.refreshToken;
      const second = (await refresh(first).expect(200)).body.refreshToken;
      // Within seconds, a race (two tabs, a retried request): a pair of the same session.
      const raced = (await refresh(first).expect(200)).body.refreshToken;
      expect(raced).not.toBe(second);
      await gateway.app
        .get(DataSource)
        .query(`UPDATE refresh_token SET spent_at = now() - interval '1 minute' WHERE user_id = $1`, [userId]);

      const replayed = await refresh(first).expect(401);
      expect(replayed.body.detail).toContain('used before');
      await refresh(second).expect(401);
      await refresh(raced).expect(401);
      expect(await audit(userId)).toEqual(['user_created', 'login_succeeded', 'refresh_token_reused']);
      // Another session of the same account goes on.
      const other = (await login('analyst.reuse').expect(200)).body.refreshToken;
      await refresh(other).expect(200);
    });

    it('ends a session at its maximum age from the login, however often it was refreshed', async () => {
      const userId = await gateway.createUser('analyst.aged', PASSWORD, ['ministry_analyst']);
      const database = gateway.app.get(DataSource);
      const first = (await login('analyst.aged').expect(200)).body.refreshToken;
      // Signed in ten hours ago: the next token lives to the session's end (12 h), not for the full 8 h.
      await database.query(
        `UPDATE refresh_token SET session_started_at = now() - interval '10 hours' WHERE user_id = $1`,
        [userId],
      );
      const second = (await refresh(first).expect(200)).body.refreshToken;
      const row = await tokenRow(userId);
      const end = row.session_started_at.getTime() + 12 * 3600 * 1000;
      expect(row.expires_at.getTime()).toBe(end);

      await database.query(
        `UPDATE refresh_token SET session_started_at = now() - interval '12 hours 1 second' WHERE user_id = $1`,
        [userId],
      );
      const ended = await refresh(second).expect(401);
      expect(ended.body.detail).toContain('sign in again');
    });

    it('ends the whole session at logout, whichever of its tokens is given', async () => {
      await gateway.createUser('analyst.logout', PASSWORD, ['ministry_analyst']);
      const first = (await login('analyst.logout').expect(200)).body.refreshToken;
      const second = (await refresh(first).expect(200)).body.refreshToken;
      await gateway.http().post('/api/auth/logout').send({ refreshToken: first }).expect(204);
      await refresh(second).expect(401);
    });
  });

  it('forgets expired sessions when it issues new ones', async () => {
    const userId = await gateway.createUser('analyst.two', PASSWORD, ['ministry_analyst']);
    const database = gateway.app.get(DataSource);
    await database.query(
      `INSERT INTO refresh_token (token_hash, user_id, expires_at) VALUES ('old', $1, now() - interval '1 hour')`,
      [userId],
    );
    await login('analyst.two').expect(200);
    expect(await database.query(`SELECT token_hash FROM refresh_token WHERE token_hash = 'old'`)).toEqual([]);
  });

  it("records the admin's client address with every account change, as with sign-ins", async () => {
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'audited.one', displayName: 'A', password: PASSWORD, roles: ['ministry_analyst'] })
      .expect(201);
    const account = `/api/users/${created.body.id}`;
    await gateway
      .http()
      .patch(`${account}/roles`)
      .set('authorization', admin)
      .send({ roles: ['registry_admin'] })
      .expect(200);
    await gateway
      .http()
      .post(`${account}/password`)
      .set('authorization', admin)
      .send({ password: PASSWORD })
      .expect(204);
    await gateway.http().post(`${account}/disable`).set('authorization', admin).expect(201);
    await gateway.http().post(`${account}/enable`).set('authorization', admin).expect(201);
    await gateway.http().post(`${account}/unlock`).set('authorization', admin).expect(204);

    const trail = await gateway.app
      .get(DataSource)
      .query('SELECT action, client_ip FROM auth_audit WHERE subject = $1 ORDER BY id', [created.body.id]);
    expect(trail).toEqual(
      ['user_created', 'roles_changed', 'password_reset', 'user_disabled', 'user_enabled', 'account_unlocked'].map(
        (action) => ({
          action,
          client_ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
        }),
      ),
    );
  });

  it('keeps the audit trail append-only, even for the database user', async () => {
    await expect(gateway.app.get(DataSource).query(`UPDATE auth_audit SET action = 'login_succeeded'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(gateway.app.get(DataSource).query(`DELETE FROM auth_audit`)).rejects.toThrow(/append-only/);
  });
});

describe('gateway: an admin lifting a lock-out', () => {
  let gateway: GatewayTestApp;
  let adminId: string;
  let admin: string;
  const login = (username: string, password = PASSWORD) =>
    gateway.http().post('/api/auth/login').send({ username, password });
  const lockOut = async (username: string, password = 'wrong password!') => {
    for (let attempt = 0; attempt < 3; attempt += 1) await login(username, password).expect(401);
    await login(username).expect(423);
  };
  const unlock = (userId: string, bearer: string) =>
    gateway.http().post(`/api/users/${userId}/unlock`).set('authorization', bearer);
  const trail = (userId: string) =>
    gateway.app
      .get(DataSource)
      .query('SELECT action, actor_id, client_ip, details FROM auth_audit WHERE subject = $1 ORDER BY id', [userId]);

  beforeAll(async () => {
    // A lock-out that would outlast the tests: only the admin's action can lift it.
    gateway = await startGateway({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '3600',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    adminId = await gateway.createUser('admin.unlocking', PASSWORD, ['admin']);
    admin = `Bearer ${(await login('admin.unlocking').expect(200)).body.accessToken}`;
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('lets the account sign in at once, with the unlock audited with the admin and its address', async () => {
    const userId = await gateway.createUser('analyst.locked', PASSWORD, ['ministry_analyst']);
    await lockOut('analyst.locked');
    const [{ details: locked }] = (await trail(userId)).filter(
      (entry: { action: string }) => entry.action === 'account_locked',
    );

    const account = () => gateway.http().get(`/api/users/${userId}`).set('authorization', admin).expect(200);
    const listed = async () =>
      (await gateway.http().get('/api/users').set('authorization', admin).expect(200)).body.items.find(
        (item: { id: string }) => item.id === userId,
      );
    expect((await account()).body.lockedUntil).toBe(locked.until);
    expect((await listed()).lockedUntil).toBe(locked.until);

    await unlock(userId, admin).expect(204);

    expect((await account()).body).toMatchObject({ username: 'analyst.locked', lockedUntil: null });
    expect((await listed()).lockedUntil).toBeNull();
    expect((await account()).body).not.toHaveProperty('passwordHash');
    await login('analyst.locked').expect(200);
    expect((await trail(userId)).filter((entry: { action: string }) => entry.action === 'account_unlocked')).toEqual([
      {
        action: 'account_unlocked',
        actor_id: adminId,
        client_ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/),
        details: { lockedUntil: locked.until },
      },
    ]);
  });

  it('forgets the run of failures too, and records that nothing was locked', async () => {
    const userId = await gateway.createUser('analyst.stumbling', PASSWORD, ['ministry_analyst']);
    for (let attempt = 0; attempt < 2; attempt += 1) await login('analyst.stumbling', 'wrong password!').expect(401);

    await unlock(userId, admin).expect(204);

    // Two more failures would have locked it; after the unlock they are the first two of a new run.
    for (let attempt = 0; attempt < 2; attempt += 1) await login('analyst.stumbling', 'wrong password!').expect(401);
    await login('analyst.stumbling').expect(200);
    const [unlocked] = (await trail(userId)).filter((entry: { action: string }) => entry.action === 'account_unlocked');
    expect(unlocked.details).toEqual({ lockedUntil: null });
  });

  it('refuses a producer (403) and leaves the account locked, with nothing audited', async () => {
    const userId = await gateway.createUser('analyst.still.locked', PASSWORD, ['ministry_analyst']);
    await gateway.createUser('producer.curious', PASSWORD, ['producer'], randomUUID());
    const producer = `Bearer ${(await login('producer.curious').expect(200)).body.accessToken}`;
    await lockOut('analyst.still.locked');
    const before = await trail(userId);

    const refused = await unlock(userId, producer).expect(403);

    expect(refused.body.code).toBe('AUTH.ROLE_REQUIRED');
    await login('analyst.still.locked').expect(423);
    expect(await trail(userId)).toEqual([...before, expect.objectContaining({ action: 'login_failed' })]);
  });

  it('answers 404 for an account nobody has, and audits nothing', async () => {
    const nobody = randomUUID();
    const refused = await unlock(nobody, admin).expect(404);
    expect(refused.body.code).toBe('USER.NOT_FOUND');
    expect(await trail(nobody)).toEqual([]);
  });

  it('lifts the lock-out when it enables an account whose holder tried the right password while it was disabled', async () => {
    const userId = await gateway.createUser('analyst.returning', PASSWORD, ['ministry_analyst']);
    await gateway.http().post(`/api/users/${userId}/disable`).set('authorization', admin).expect(201);
    await lockOut('analyst.returning', PASSWORD);

    await gateway.http().post(`/api/users/${userId}/enable`).set('authorization', admin).expect(201);

    await login('analyst.returning').expect(200);
    const [enabled] = (await trail(userId)).filter((entry: { action: string }) => entry.action === 'user_enabled');
    expect(enabled).toMatchObject({ actor_id: adminId, details: { lockedUntil: expect.any(String) } });
  });
});

describe('gateway: login throttling', () => {
  let gateway: GatewayTestApp;

  beforeAll(async () => {
    gateway = await startGateway({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await gateway.close();
  });

  beforeEach(() => clearOfMinuteStart());

  it('answers 429 once a client has tried too many logins in a minute', async () => {
    const attempt = () => gateway.http().post('/api/auth/login').send({ username: 'someone', password: 'guess guess' });
    for (let i = 0; i < 3; i += 1) await attempt().expect(401);
    const throttled = await attempt().expect(429);
    expect(throttled.body.code).toBe('REQUEST.TOO_MANY');
  });

  // Believed from loopback (TRUST_PROXY's default): each attempt comes from the address X-Forwarded-For names.
  it('throttles an IPv6 client by its /64, where it may take any address, and an IPv4 one however written', async () => {
    const attempt = (address: string) =>
      gateway
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', address)
        .send({ username: `someone.at.${address}`, password: 'guess guess' });
    for (const address of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff:ffff:ffff:ffff']) {
      await attempt(address).expect(401);
    }
    await attempt('2001:db8:7:1:abcd::9').expect(429);
    await attempt('2001:db8:7:2::1').expect(401);

    for (let i = 0; i < 3; i += 1) await attempt('198.51.100.77').expect(401);
    await attempt('::ffff:198.51.100.77').expect(429);
  });

  it('keeps at least one enabled admin: the last cannot be disabled or demoted, also by two admins at once', async () => {
    const dataSource = gateway.app.get(DataSource);
    await dataSource.query(`UPDATE app_user SET disabled = true WHERE 'admin' = ANY(roles)`);
    const first = await gateway.createUser('admin.first', PASSWORD, ['admin']);
    const second = await gateway.createUser('admin.second', PASSWORD, ['admin']);
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    const demote = (id: string) =>
      gateway
        .http()
        .patch(`/api/users/${id}/roles`)
        .set('authorization', admin)
        .send({ roles: ['ministry_analyst'] });

    const both = await Promise.all([demote(first), demote(second)]);
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const [kept] = both.filter((answer) => answer.status === 409).map((answer) => answer.body);
    expect(kept.code).toBe('USER.LAST_ADMIN');
    const [{ id: last }] = await dataSource.query(
      `SELECT id FROM app_user WHERE 'admin' = ANY(roles) AND NOT disabled`,
    );
    const disabled = await gateway.http().post(`/api/users/${last}/disable`).set('authorization', admin);
    expect(disabled.status).toBe(409);
    expect(disabled.body.code).toBe('USER.LAST_ADMIN');
    expect((await gateway.http().get(`/api/users/${last}`).set('authorization', admin)).body).toMatchObject({
      disabled: false,
      roles: ['admin'],
    });
  });
});
