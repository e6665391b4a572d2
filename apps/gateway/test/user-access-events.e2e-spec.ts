import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { type EventEnvelope, TOPICS, UserAccessChanged, type UserAccessSnapshot } from '@redmet/contracts';
import { freePort, readTopic, waitFor } from '@redmet/testing';
import { DataSource } from 'typeorm';
import { UserAccess } from '../src/users/user-access';
import { UserAccessAnnouncement } from '../src/users/user-access-announcement';
import { type GatewayTestApp, startGateway } from './support/gateway-app';

const PASSWORD = 'correct horse battery';

describe('gateway: each account access published on gateway.user.v1', () => {
  let gateway: GatewayTestApp;
  let database: DataSource;
  let admin: string;

  beforeAll(async () => {
    gateway = await startGateway({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    database = gateway.app.get(DataSource);
    admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
  });

  afterAll(async () => {
    await gateway.close();
  });

  /** The events the outbox holds for these accounts, in the order they are published. */
  const outboxed = async (
    ...userIds: string[]
  ): Promise<{ key: string; type: string; payload: UserAccessSnapshot }[]> =>
    database.query(
      `SELECT message_key AS key, event_type AS type, envelope -> 'payload' AS payload FROM outbox_message
        WHERE message_key = ANY($1) ORDER BY id`,
      [userIds],
    );

  /** The account's events as Kafka has them, once it has `count`. */
  const published = async (userId: string, count: number) =>
    (
      await readTopic(
        TOPICS.gatewayUser.name,
        (message) => message.key === userId,
        (found) => found.length >= count,
      )
    ).map((message) => ({ key: message.key, event: JSON.parse(message.value!) as EventEnvelope<UserAccessSnapshot> }));

  const insertUnpublished = async (username: string, roles: string[], disabled = false): Promise<string> => {
    const [{ id }] = await database.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, disabled) VALUES ($1, $1, 'x', $2, $3)
       RETURNING id`,
      [username, roles, disabled],
    );
    return id;
  };

  it('publishes the access after each change, keyed by the account, in order; sign-ins, resets and unlocks publish nothing', async () => {
    const companyId = randomUUID();
    const created = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'access.flow', displayName: 'A', password: PASSWORD, roles: ['producer'], companyId })
      .expect(201);
    const userId: string = created.body.id;
    expect(created.body).not.toHaveProperty('accessVersion');
    await gateway.http().post('/api/auth/login').send({ username: 'access.flow', password: PASSWORD }).expect(200);
    const changed = await gateway
      .http()
      .patch(`/api/users/${userId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['ministry_analyst'] })
      .expect(200);
    expect(changed.body).not.toHaveProperty('accessVersion');
    await gateway
      .http()
      .post(`/api/users/${userId}/password`)
      .set('authorization', admin)
      .send({ password: `${PASSWORD} 2` })
      .expect(204);
    await gateway.http().post(`/api/users/${userId}/unlock`).set('authorization', admin).expect(204);
    await gateway.http().post(`/api/users/${userId}/disable`).set('authorization', admin).expect(201);
    await gateway.http().post(`/api/users/${userId}/enable`).set('authorization', admin).expect(201);

    const access = (roles: string[], companyId: string | null, disabled: boolean, version: number) => ({
      userId,
      roles,
      companyId,
      disabled,
      version,
    });
    const states = [
      access(['producer'], companyId, false, 1),
      access(['ministry_analyst'], null, false, 2),
      access(['ministry_analyst'], null, true, 3),
      access(['ministry_analyst'], null, false, 4),
    ];
    expect(await outboxed(userId)).toEqual(
      states.map((payload) => ({ key: userId, type: UserAccessChanged.type, payload })),
    );
    const events = await published(userId, states.length);
    expect(events.map(({ key }) => key)).toEqual(states.map(() => userId));
    expect(events.map(({ event }) => event.payload)).toEqual(states);
    for (const { event } of events) {
      expect(event).toMatchObject({ type: UserAccessChanged.type, source: 'gateway', aggregateId: userId });
    }
    const [row] = await database.query('SELECT access_version FROM app_user WHERE id = $1', [userId]);
    expect(row.access_version).toBe(states.length);
  });

  it('publishes nothing for a change it refuses', async () => {
    const adminId = await gateway.createUser('access.only.admin', PASSWORD, ['admin']);
    const countEvents = async () => (await database.query('SELECT count(*)::int AS n FROM outbox_message'))[0].n;
    const before = await countEvents();

    const lastAdmin = await gateway.http().post(`/api/users/${adminId}/disable`).set('authorization', admin);
    expect(lastAdmin.body).toMatchObject({ status: 409, code: 'USER.LAST_ADMIN' });
    const demoted = await gateway
      .http()
      .patch(`/api/users/${adminId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['ministry_analyst'] });
    expect(demoted.body).toMatchObject({ status: 409, code: 'USER.LAST_ADMIN' });
    const conflicting = await gateway
      .http()
      .patch(`/api/users/${adminId}/roles`)
      .set('authorization', admin)
      .send({ roles: ['admin', 'producer'], companyId: randomUUID() });
    expect(conflicting.body).toMatchObject({ status: 400, code: 'USER.ROLES_CONFLICT' });
    const taken = await gateway
      .http()
      .post('/api/users')
      .set('authorization', admin)
      .send({ username: 'access.only.admin', displayName: 'B', password: PASSWORD, roles: ['ministry_analyst'] });
    expect(taken.body).toMatchObject({ status: 409, code: 'USER.USERNAME_TAKEN' });

    expect(await countEvents()).toBe(before);
    expect((await outboxed(adminId)).map(({ payload }) => payload.roles)).toEqual([['admin']]);
  });

  it('announces every account not yet published, as it stands, once', async () => {
    const republished = await gateway.createUser('access.republished', PASSWORD, ['subsidy_officer']);
    await database.query('UPDATE app_user SET access_version = 0 WHERE id = $1', [republished]);
    // An account from before the gateway published: the migration left it unpublished.
    const older = await insertUnpublished('access.older', ['finance_officer'], true);

    await gateway.app.get(UserAccessAnnouncement).onApplicationBootstrap();
    await gateway.app.get(UserAccessAnnouncement).onApplicationBootstrap();

    const access = { userId: republished, roles: ['subsidy_officer'], companyId: null, disabled: false, version: 1 };
    expect((await outboxed(republished)).map(({ payload }) => payload)).toEqual([access, access]);
    const olderAccess = { userId: older, roles: ['finance_officer'], companyId: null, disabled: true, version: 1 };
    expect(await outboxed(older)).toEqual([{ key: older, type: UserAccessChanged.type, payload: olderAccess }]);
    expect((await published(older, 1)).map(({ event }) => event.payload)).toEqual([olderAccess]);
    expect(await database.query('SELECT 1 FROM app_user WHERE access_version = 0')).toEqual([]);
  });

  it('leaves accounts another instance is announcing to it, and announces those a sign-in held once it ends', async () => {
    const accounts = [
      await insertUnpublished('access.first', ['ministry_analyst']),
      await insertUnpublished('access.second', ['registry_admin']),
    ];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstDone = false;
    // One instance's announcement, its transaction kept open with the accounts locked.
    const other = database.transaction(async (manager) => {
      const announced = await gateway.app.get(UserAccess).announceUnpublished(manager);
      firstDone = true;
      await held;
      return announced;
    });
    await waitFor(async () => firstDone, { description: 'the other announcement to lock its accounts' });
    const signingIn = await insertUnpublished('access.signing.in', ['ministry_analyst']);
    const signIn = database.createQueryRunner();
    await signIn.connect();
    await signIn.startTransaction();
    await signIn.query('SELECT 1 FROM app_user WHERE id = $1 FOR SHARE', [signingIn]);

    const announcement = gateway.app.get(UserAccessAnnouncement).onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outboxed(signingIn)).toEqual([]);
    await signIn.commitTransaction();
    await signIn.release();
    release();
    expect((await other).sort()).toEqual([...accounts].sort());
    await announcement;

    const announced = await outboxed(...accounts, signingIn);
    expect(announced.map(({ key }) => key).sort()).toEqual([...accounts, signingIn].sort());
  });

  it('leaves Kafka out of its readiness checks', async () => {
    const ready = await gateway.http().get('/health/ready').expect(200);
    expect(Object.keys(ready.body.info)).toEqual(['database']);
  });
});

describe('gateway: with no broker answering', () => {
  let gateway: GatewayTestApp;
  let brokerPort: number;
  let proxy: Server | undefined;
  // The test broker, before the gateway's settings point KAFKA_BROKERS elsewhere.
  const [brokerHost, brokerPortUpstream] = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0].split(':');

  beforeAll(async () => {
    brokerPort = await freePort();
    gateway = await startGateway({ KAFKA_BROKERS: `127.0.0.1:${brokerPort}` });
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  });

  /** The broker appears at the address the gateway was given: a port that forwards to the test broker. */
  const brokerAppears = async () => {
    proxy = createServer((client) => {
      const upstream = connect(Number(brokerPortUpstream), brokerHost);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(brokerPort, '127.0.0.1', resolve));
  };

  it('starts, stays ready, signs people in and changes accounts; their events wait in the outbox and go out once the broker answers', async () => {
    await gateway.http().get('/health/ready').expect(200);
    const userId = await gateway.createUser('access.no.broker', PASSWORD, ['ministry_analyst']);
    await gateway.http().post('/api/auth/login').send({ username: 'access.no.broker', password: PASSWORD }).expect(200);
    const admin = `Bearer ${await gateway.auth.token({ roles: ['admin'] })}`;
    await gateway.http().post(`/api/users/${userId}/disable`).set('authorization', admin).expect(201);

    // Longer than the relay's poll: it would have sent them by now had it tried.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const waiting = await gateway.app.get(DataSource).query(
      `SELECT envelope -> 'payload' -> 'disabled' AS disabled, published_at FROM outbox_message
          WHERE message_key = $1 ORDER BY id`,
      [userId],
    );
    expect(waiting).toEqual([
      { disabled: false, published_at: null },
      { disabled: true, published_at: null },
    ]);

    await brokerAppears();
    const events = await readTopic(
      TOPICS.gatewayUser.name,
      (message) => message.key === userId,
      (found) => found.length >= 2,
      60_000,
    );
    expect(events.map((message) => JSON.parse(message.value!).payload.disabled)).toEqual([false, true]);
  });
});
