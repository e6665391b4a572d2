import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { postgresOptions, Principal } from '@redmet/platform';
import { createTestDatabase, type TestDatabase } from '@redmet/testing';
import { MONITORING_SCHEMA } from '../src/database/schema';
import { claimDeliveries } from '../src/delivery/delivery.claim';
import { SubscriptionsService } from '../src/delivery/subscriptions.service';
import { WebhookSecrets } from '../src/delivery/webhook-secrets';
import { MonitoringEnvironment } from '../src/monitoring.environment';

/** The claim against the real PostgreSQL, as concurrent instances run it: no service, only the database. */
describe('claiming deliveries', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const open: QueryRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('delivery_claim');
    dataSource = new DataSource(
      postgresOptions(
        {
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: 4,
          DATABASE_MIGRATIONS_RUN: false,
          DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60000,
        },
        MONITORING_SCHEMA,
      ),
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterEach(async () => {
    for (const runner of open.splice(0)) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await dataSource.query(`DELETE FROM alert_delivery_attempt`);
    await dataSource.query(`DELETE FROM alert_delivery`);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  /** A transaction as the worker's claim runs it, left open until the test ends. */
  async function transaction(): Promise<QueryRunner> {
    const runner = dataSource.createQueryRunner();
    open.push(runner);
    await runner.connect();
    await runner.startTransaction('READ COMMITTED');
    return runner;
  }

  const claim = (runner: QueryRunner, limit: number) => claimDeliveries(runner.manager, limit, 4, 60_000);

  async function webhook(url: string): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO webhook_subscription (id, url, secret, description, min_severity, created_by)
       VALUES ($1, $2, 'secret', 'test', 'info', 'test')`,
      [id, url],
    );
    return id;
  }

  /** A delivery to `url`, due `dueSecondsAgo` ago (in the future if negative). */
  async function queue(subscriptionId: string, url: string, dueSecondsAgo: number, leased = false): Promise<string> {
    const [{ alert_id: alertId }] = await dataSource.query(
      `INSERT INTO alert (alert_id, rule_id, subject, severity, state, title, message, raised_at)
       VALUES (gen_random_uuid(), 'rule', $1, 'warning', 'open', 'title', 'message', now()) RETURNING alert_id`,
      [randomUUID()],
    );
    const [{ id: eventId }] = await dataSource.query(
      `INSERT INTO alert_event (alert_id, type, snapshot, silenced) VALUES ($1, 'AlertRaised', '{}', false) RETURNING id`,
      [alertId],
    );
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO alert_delivery (id, alert_id, alert_event_id, channel, subscription_id, recipient, state,
                                   next_attempt_at, leased_until)
       VALUES ($1, $2, $3, 'webhook', $4, $5, 'pending', now() - make_interval(secs => $6),
               CASE WHEN $7 THEN now() + interval '1 hour' END)`,
      [id, alertId, eventId, subscriptionId, url, dueSecondsAgo, leased],
    );
    return id;
  }

  it('a claim skips the destinations another claim holds and takes the next ones', async () => {
    const first = 'https://first.example/hook';
    const second = 'https://second.example/hook';
    await queue(await webhook(first), first, 60);
    await queue(await webhook(second), second, 30);

    const one = await transaction();
    const other = await transaction();
    expect((await claim(one, 1)).map((d) => d.destination)).toEqual([first]);
    // Woken by the same notification while the first has not committed yet.
    expect((await claim(other, 1)).map((d) => d.destination)).toEqual([second]);
  });

  it('a claim holds the locks of the destinations it took, no more', async () => {
    const urls = ['https://a.example/hook', 'https://b.example/hook', 'https://c.example/hook'];
    for (const url of urls) await queue(await webhook(url), url, 10);

    const runner = await transaction();
    expect(await claim(runner, 1)).toHaveLength(1);
    const [{ locks }] = await runner.query(
      `SELECT count(*)::int AS locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
    );
    expect(locks).toBe(1);
  });

  it('the destination due earliest goes first; one with nothing due or only in flight waits', async () => {
    const later = 'https://later.example/hook';
    const earliest = 'https://earliest.example/hook';
    const future = 'https://future.example/hook';
    const inFlight = 'https://in-flight.example/hook';
    await queue(await webhook(later), later, 10);
    await queue(await webhook(earliest), earliest, 20);
    await queue(await webhook(future), future, -3600);
    await queue(await webhook(inFlight), inFlight, 3600, true);

    expect((await claim(await transaction(), 1)).map((d) => d.destination)).toEqual([earliest]);
    expect((await claim(await transaction(), 4)).map((d) => d.destination)).toEqual([later]);
  });

  it('deactivating a webhook fails its queued deliveries at once; one in flight is failed when it comes back', async () => {
    const url = 'https://gone.example/hook';
    const hook = await webhook(url);
    const queued = await queue(hook, url, 10);
    const later = await queue(hook, url, -3600);
    const inFlight = await queue(hook, url, 20, true);

    const environment = new MonitoringEnvironment();
    const subscriptions = new SubscriptionsService(
      dataSource,
      new WebhookSecrets(dataSource, environment),
      environment,
    );
    await subscriptions.deactivateWebhook(hook, new Principal('u-admin', ['admin'], null, 'Admin'));
    const reason = 'not sent: the webhook was deactivated';
    const state = async () =>
      dataSource.query(
        `SELECT d.id, d.state, d.last_error, d.attempts, a.attempt, a.outcome, a.detail
           FROM alert_delivery d LEFT JOIN alert_delivery_attempt a ON a.delivery_id = d.id ORDER BY d.id`,
      );
    const failed = { state: 'failed', last_error: reason, attempts: 0, attempt: 1, outcome: 'failed', detail: reason };
    expect(await state()).toEqual(
      expect.arrayContaining([
        { id: queued, ...failed },
        { id: later, ...failed },
        expect.objectContaining({ id: inFlight, state: 'pending', attempt: null }),
      ]),
    );

    // The instance that had it died: its lease runs out, and the claim that takes it fails it instead.
    await dataSource.query(`UPDATE alert_delivery SET leased_until = now() - interval '1 second' WHERE id = $1`, [
      inFlight,
    ]);
    expect(await claim(await transaction(), 4)).toEqual([]);
    await open[0].commitTransaction();
    expect((await state()).find((d: { id: string }) => d.id === inFlight)).toEqual({ id: inFlight, ...failed });
  });
});
