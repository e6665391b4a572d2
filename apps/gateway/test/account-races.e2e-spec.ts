import { DataSource, type QueryRunner } from 'typeorm';
import { decodeJwt } from 'jose';
import { waitFor } from '@redmet/testing';
import { sha256 } from '../src/auth/login-failures';
import { type GatewayTestApp, startGateway } from './support/gateway-app';

const PASSWORD = 'correct horse battery';
const CLIENT = '198.51.100.23';

/**
 * An admin's change of an account racing with that account's login or refresh, each request held at a row
 * the test locks, so that the interleaving that used to go wrong happens every time.
 */
describe('gateway: account changes racing with sign-ins', () => {
  let gateway: GatewayTestApp;
  let database: DataSource;
  let admin: string;

  const login = (username: string) =>
    gateway.http().post('/api/auth/login').set('x-forwarded-for', CLIENT).send({ username, password: PASSWORD });
  const refresh = (refreshToken: string) => gateway.http().post('/api/auth/refresh').send({ refreshToken });
  const liveSessions = async (userId: string) =>
    (await database.query('SELECT 1 FROM refresh_token WHERE user_id = $1 AND spent_at IS NULL', [userId])).length;
  const waiting = async () =>
    (
      await database.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    ).length;
  const lockWaiters = (count: number) =>
    waitFor(async () => (await waiting()) >= count, { description: `${count} sessions waiting on a lock` });

  /** Runs `sql` (which locks a row the request will want) in a transaction of the test's until `release`. */
  async function hold(sql: string, parameters: unknown[]): Promise<{ release: () => Promise<void> }> {
    const runner: QueryRunner = database.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(sql, parameters);
    return {
      release: async () => {
        await runner.rollbackTransaction();
        await runner.release();
      },
    };
  }

  /** A refresh of the account holds at the sweep of its expired tokens, after it has read the account. */
  async function holdRefreshes(userId: string) {
    await database.query(
      `INSERT INTO refresh_token (token_hash, user_id, expires_at) VALUES ($1, $2, now() - interval '1 hour')`,
      [`expired-${userId}`, userId],
    );
    return hold('SELECT 1 FROM refresh_token WHERE token_hash = $1 FOR UPDATE', [`expired-${userId}`]);
  }

  /** A login at the name holds where it records the client's address as known, after it has read the account. */
  function holdLogins(username: string) {
    return hold(
      `INSERT INTO login_known_address (username_hash, address, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
      [sha256(username), CLIENT],
    );
  }

  beforeAll(async () => {
    gateway = await startGateway({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    database = gateway.app.get(DataSource);
    admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
  });

  afterAll(async () => {
    await gateway.close();
  });

  it.each([
    ['disabled', (id: string) => gateway.http().post(`/api/users/${id}/disable`), 201],
    [
      'given a new password',
      (id: string) =>
        gateway.http().post(`/api/users/${id}/password`).send({ password: 'a new one, set by the admin' }),
      204,
    ],
  ])(
    'ends every session of an account %s while one of its refreshes is under way, and answers both without a 500',
    async (_, change, status) => {
      const username = `refreshing.${status}`;
      const userId = await gateway.createUser(username, PASSWORD, ['ministry_analyst']);
      const { refreshToken } = (await login(username).expect(200)).body;
      const held = await holdRefreshes(userId);
      const refreshed = refresh(refreshToken).then((answer) => answer);
      await lockWaiters(1);
      const changed = change(userId)
        .set('authorization', admin)
        .then((answer) => answer);
      await lockWaiters(2);
      await held.release();

      const [refreshAnswer, changeAnswer] = await Promise.all([refreshed, changed]);
      expect(changeAnswer.status).toBe(status);
      // Either the refresh came first, and the change ended the session it carried on, or it found none.
      expect([200, 401]).toContain(refreshAnswer.status);
      expect(await liveSessions(userId)).toBe(0);
      if (refreshAnswer.status === 200) await refresh(refreshAnswer.body.refreshToken).expect(401);
    },
  );

  it('ends the whole session at a logout made while a refresh of it is under way', async () => {
    const userId = await gateway.createUser('refreshing.leaving', PASSWORD, ['ministry_analyst']);
    const { refreshToken } = (await login('refreshing.leaving').expect(200)).body;
    const held = await holdRefreshes(userId);
    const refreshed = refresh(refreshToken).then((answer) => answer);
    await lockWaiters(1);
    const loggedOut = gateway
      .http()
      .post('/api/auth/logout')
      .send({ refreshToken })
      .then((answer) => answer);
    await lockWaiters(2);
    await held.release();

    const [refreshAnswer, logoutAnswer] = await Promise.all([refreshed, loggedOut]);
    expect(logoutAnswer.status).toBe(204);
    expect([200, 401]).toContain(refreshAnswer.status);
    expect(await liveSessions(userId)).toBe(0);
    if (refreshAnswer.status === 200) await refresh(refreshAnswer.body.refreshToken).expect(401);
  });

  it('gives both of two refreshes sent at once with one token a pair of the same session, which a logout ends', async () => {
    await gateway.createUser('refreshing.twice', PASSWORD, ['ministry_analyst']);
    const { refreshToken } = (await login('refreshing.twice').expect(200)).body;

    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const [first, second] = answers.map((answer) => answer.body.refreshToken as string);
    expect(first).not.toBe(second);
    await gateway.http().post('/api/auth/logout').send({ refreshToken: first }).expect(204);
    await refresh(second).expect(401);
  });

  it('gives a refresh answered after a change of roles the new roles', async () => {
    const userId = await gateway.createUser('refreshing.promoted', PASSWORD, ['ministry_analyst']);
    const { refreshToken } = (await login('refreshing.promoted').expect(200)).body;
    const held = await holdRefreshes(userId);
    const refreshed = refresh(refreshToken).then((answer) => answer);
    await lockWaiters(1);
    let changedFirst = false;
    const changed = gateway
      .http()
      .patch(`/api/users/${userId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['registry_admin'] })
      .then((answer) => {
        changedFirst = true;
        return answer;
      });
    // The change either waits for the refresh, or is made (and answered) while the refresh is held.
    await waitFor(async () => changedFirst || (await waiting()) >= 2, { description: 'the change made or waiting' });
    const answeredBeforeRefresh = changedFirst;
    await held.release();

    const [refreshAnswer, changeAnswer] = await Promise.all([refreshed, changed]);
    expect([refreshAnswer.status, changeAnswer.status]).toEqual([200, 200]);
    const roles = decodeJwt(refreshAnswer.body.accessToken).roles;
    if (answeredBeforeRefresh) expect(roles).toEqual(['registry_admin']);
    const next = await refresh(refreshAnswer.body.refreshToken).expect(200);
    expect(decodeJwt(next.body.accessToken).roles).toEqual(['registry_admin']);
  });

  it('gives no login audited after a change of roles the roles from before it', async () => {
    const userId = await gateway.createUser('login.demoted', PASSWORD, ['ministry_analyst']);
    const held = await holdLogins('login.demoted');
    const signedIn = login('login.demoted').then((answer) => answer);
    await lockWaiters(1);
    const changed = gateway
      .http()
      .patch(`/api/users/${userId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['registry_admin'] })
      .then((answer) => answer);
    await waitFor(
      async () =>
        (await database.query(`SELECT 1 FROM auth_audit WHERE subject = $1 AND action = 'roles_changed'`, [userId]))
          .length > 0 || (await waiting()) >= 2,
      { description: 'the change made or waiting' },
    );
    await held.release();

    const [loginAnswer, changeAnswer] = await Promise.all([signedIn, changed]);
    expect([loginAnswer.status, changeAnswer.status]).toEqual([200, 200]);
    const trail: { action: string }[] = await database.query(
      `SELECT action FROM auth_audit WHERE subject = $1 AND action IN ('login_succeeded', 'roles_changed') ORDER BY id`,
      [userId],
    );
    const roles = decodeJwt(loginAnswer.body.accessToken).roles;
    expect([trail.map((entry) => entry.action), roles]).toEqual(
      trail[0].action === 'roles_changed'
        ? [['roles_changed', 'login_succeeded'], ['registry_admin']]
        : [['login_succeeded', 'roles_changed'], ['ministry_analyst']],
    );
  });
});
