import { randomUUID } from 'node:crypto';
import {
  deadLetterTopicName,
  type EventEnvelope,
  ReportingDeadlineMissed,
  TOPICS,
  UserAccessChanged,
  type UserAccessSnapshot,
} from '@redmet/contracts';
import { DLQ_HEADERS } from '@redmet/messaging';
import { samplePayload } from '@redmet/contracts/testing';
import { freePort, readTopic, waitFor } from '@redmet/testing';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { startSmtpReceiver } from './support/receivers';

jest.setTimeout(180_000);

const RULE = { ruleIds: ['reporting.deadline_missed'] };

interface Delivery {
  channel: string;
  recipient: string;
  state: string;
  log: { outcome: string; detail: string }[];
}

/** A missed deadline of a company of its own: a new alert each time, e-mailed to the subscriptions above. */
async function raiseAlert(monitoring: MonitoringTestApp): Promise<string> {
  const [companyId, depositId] = [randomUUID(), randomUUID()];
  const obligationId = `${companyId}:${depositId}:2067-Q2`;
  const event = { ...samplePayload(ReportingDeadlineMissed), obligationId, companyId, depositId, period: '2067-Q2' };
  await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligationId, event));
  const admin = await monitoring.http('admin');
  const { items } = (
    await admin
      .get('/alerts')
      .query({ subject: `obligation:${obligationId}` })
      .expect(200)
  ).body;
  return items[0].alertId as string;
}

function accessOf(userId: string, version: number, change: Partial<UserAccessSnapshot> = {}): UserAccessSnapshot {
  return { userId, roles: ['ministry_analyst'], companyId: null, disabled: false, version, ...change };
}

async function publishAccess(
  monitoring: MonitoringTestApp,
  access: UserAccessSnapshot,
  envelope: Partial<EventEnvelope> = {},
): Promise<EventEnvelope> {
  const event = await monitoring.publish(UserAccessChanged, access.userId, access, envelope);
  await monitoring.processed(event);
  return event;
}

async function subscribe(monitoring: MonitoringTestApp, role: 'ministry_analyst' | 'admin', email: string) {
  const userId = `u-${randomUUID()}`;
  const maker = await monitoring.http(role, { userId });
  const { id } = (
    await maker
      .post('/subscriptions/email')
      .send({ email, ...RULE })
      .expect(201)
  ).body;
  return { userId, id: id as string, email };
}

async function pausedByEmail(monitoring: MonitoringTestApp): Promise<Record<string, boolean>> {
  const admin = await monitoring.http('admin', { userId: 'u-admin-reviewer' });
  const list: { email: string; paused: boolean }[] = (await admin.get('/subscriptions/email').expect(200)).body;
  return Object.fromEntries(list.map((subscription) => [subscription.email, subscription.paused]));
}

describe('e-mail subscriptions follow their maker’s access as the gateway publishes it', () => {
  let monitoring: MonitoringTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    monitoring = await startMonitoring({ SMTP_URL: smtp.url, CONSOLE_URL: 'https://console.redmet.test' });
  });

  afterAll(async () => {
    await monitoring.close();
    await smtp.close();
  });

  /** Everyone a delivery of the alert was queued for, whether sent yet or not. */
  const recipientsOf = async (alertId: string) => {
    const admin = await monitoring.http('admin');
    const { deliveries } = (await admin.get(`/alerts/${alertId}`).expect(200)).body as { deliveries: Delivery[] };
    return deliveries.map((delivery) => delivery.recipient).sort();
  };

  it('sends nothing for a disabled maker or one left without an alert role, and starts again when access returns', async () => {
    const kept = await subscribe(monitoring, 'ministry_analyst', 'm.orlova@minpromtorg.test');
    const disabled = await subscribe(monitoring, 'ministry_analyst', 'p.petrov@minpromtorg.test');
    const demoted = await subscribe(monitoring, 'admin', 'a.sidorov@minpromtorg.test');
    const unknown = await subscribe(monitoring, 'ministry_analyst', 'e.kuznetsova@minpromtorg.test');

    await publishAccess(monitoring, accessOf(kept.userId, 1, { roles: ['ministry_analyst', 'registry_admin'] }));
    await publishAccess(monitoring, accessOf(disabled.userId, 1));
    const disabling = await publishAccess(monitoring, accessOf(disabled.userId, 2, { disabled: true }));
    await publishAccess(monitoring, accessOf(demoted.userId, 1, { roles: ['admin'] }));
    await publishAccess(monitoring, accessOf(demoted.userId, 2, { roles: ['registry_admin'] }));

    // An account the gateway never published keeps its subscription, as every one did before.
    expect(await pausedByEmail(monitoring)).toEqual({
      [kept.email]: false,
      [disabled.email]: true,
      [demoted.email]: true,
      [unknown.email]: false,
    });
    const first = await raiseAlert(monitoring);
    await waitFor(async () => smtp.mails.filter((m) => m.raw.includes(first)).length === 2, PATIENTLY);
    expect(await recipientsOf(first)).toEqual([kept.email, unknown.email].sort());
    expect(
      smtp.mails
        .filter((m) => m.raw.includes(first))
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([kept.email, unknown.email].sort());

    // Enabled again, stamped a minute earlier by a gateway whose clock is behind: the count decides.
    await publishAccess(monitoring, accessOf(disabled.userId, 3), {
      occurredAt: new Date(Date.parse(disabling.occurredAt) - 60_000).toISOString(),
    });
    // The disabling delivered again by the broker, then a late copy of it under a new id (a replayed dead
    // letter), read after it on the account's partition: neither undoes the enabling.
    await monitoring.publish(UserAccessChanged, disabled.userId, disabling.payload as UserAccessSnapshot, {
      eventId: disabling.eventId,
      occurredAt: disabling.occurredAt,
    });
    await publishAccess(monitoring, disabling.payload as UserAccessSnapshot);
    const [stored] = await monitoring.query(`SELECT roles, disabled, version FROM user_access WHERE user_id = $1`, [
      disabled.userId,
    ]);
    expect(stored).toEqual({ roles: ['ministry_analyst'], disabled: false, version: 3 });
    expect((await pausedByEmail(monitoring))[disabled.email]).toBe(false);
    const second = await raiseAlert(monitoring);
    await waitFor(async () => smtp.mails.filter((m) => m.raw.includes(second)).length === 3, PATIENTLY);
    expect(await recipientsOf(second)).toEqual([kept.email, disabled.email, unknown.email].sort());
  });

  it('dead-letters an access it cannot read, naming the field, and keeps the account as it was', async () => {
    const maker = await subscribe(monitoring, 'ministry_analyst', 'i.volkova@minpromtorg.test');
    await publishAccess(monitoring, accessOf(maker.userId, 1, { disabled: true }));
    await monitoring.publish(UserAccessChanged, maker.userId, {
      ...accessOf(maker.userId, 2),
      disabled: 'no',
    } as unknown as UserAccessSnapshot);

    const [dead] = await readTopic(
      deadLetterTopicName(TOPICS.gatewayUser.name),
      // Other test files' services read the topic too, and dead-letter it each under their own group.
      (message) =>
        message.headers[DLQ_HEADERS.consumerGroup] === monitoring.consumerGroup && message.key === maker.userId,
      (found) => found.length >= 1,
      PATIENTLY.timeoutMs,
    );
    expect(dead.headers['x-dlq-error-kind']).toBe('invalid-payload');
    expect(dead.headers['x-dlq-error']).toContain('disabled');
    expect((await pausedByEmail(monitoring))[maker.email]).toBe(true);
  });
});

describe('an e-mail queued before its maker lost access', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    // A mail server that is not there: the first attempt fails, and the retry comes after the change of access.
    monitoring = await startMonitoring({
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      DELIVERY_MAX_ATTEMPTS: '5',
      DELIVERY_RETRY_BACKOFF_MS: '5000',
    });
  });

  afterAll(() => monitoring.close());

  it('is not sent but failed, its log saying why', async () => {
    const maker = await subscribe(monitoring, 'ministry_analyst', 'o.smirnova@minpromtorg.test');
    const alertId = await raiseAlert(monitoring);
    const admin = await monitoring.http('admin');
    const delivery = async () =>
      ((await admin.get(`/alerts/${alertId}`).expect(200)).body as { deliveries: Delivery[] }).deliveries[0];
    await waitFor(async () => ((await delivery())?.log.length ?? 0) >= 1, PATIENTLY);

    await publishAccess(monitoring, accessOf(maker.userId, 1, { disabled: true }));

    const failed = await waitFor(async () => {
      const found = await delivery();
      return found.state === 'failed' && found;
    }, PATIENTLY);
    const reasons = failed.log.map((entry) => entry.detail);
    // The attempts before the change reached the service failed on the mail server; the next was not made.
    expect(reasons.at(-1)).toBe("not sent: the subscription's maker was disabled or no longer acts on alerts");
    expect(reasons.slice(0, -1)).toEqual(
      Array.from({ length: reasons.length - 1 }, () => expect.not.stringMatching(/^not sent/)),
    );
    expect(reasons.length).toBeGreaterThanOrEqual(2);
  });
});
