import { randomUUID } from 'node:crypto';
import { type MonitoringTestApp, startMonitoring } from './support/monitoring-app';

jest.setTimeout(180_000);

/** Who sees which recipients, who made a subscription, and who ended a silence. */
describe('alert access and audit', () => {
  let monitoring: MonitoringTestApp;

  beforeAll(async () => {
    monitoring = await startMonitoring();
  });

  afterAll(async () => {
    await monitoring.close();
  });

  describe("an alert's deliveries", () => {
    const hookUrl = 'https://hooks.example:8443/services/T0/B0/SECRET-PATH?token=abc123';
    const address = 'm.orlova@minpromtorg.test';
    let alertId: string;
    let webhookId: string;
    let emailId: string;

    beforeAll(async () => {
      const admin = await monitoring.http('admin');
      webhookId = (await admin.post('/subscriptions/webhooks').send({ url: hookUrl, description: 'GISP' }).expect(201))
        .body.id;
      emailId = (await admin.post('/subscriptions/email').send({ email: address }).expect(201)).body.id;
      // Settled deliveries, so that the worker leaves them alone: only what GET /alerts/{id} shows of them matters.
      [{ alert_id: alertId }] = await monitoring.query<{ alert_id: string }>(
        `INSERT INTO alert (alert_id, rule_id, subject, severity, state, title, message, raised_at)
         VALUES (gen_random_uuid(), 'subsidy.budget_utilisation', $1, 'warning', 'open', 'title', 'message', now())
         RETURNING alert_id`,
        [`budget:${randomUUID()}`],
      );
      const [{ id: eventId }] = await monitoring.query<{ id: string }>(
        `INSERT INTO alert_event (alert_id, type, snapshot, silenced) VALUES ($1, 'AlertRaised', '{}', false) RETURNING id`,
        [alertId],
      );
      await monitoring.query(
        `INSERT INTO alert_delivery (id, alert_id, alert_event_id, channel, subscription_id, recipient, state)
         VALUES (gen_random_uuid(), $1, $2, 'webhook', $3, $4, 'failed'),
                (gen_random_uuid(), $1, $2, 'email', $5, $6, 'delivered')`,
        [alertId, eventId, webhookId, hookUrl, emailId, address],
      );
    });

    const deliveries = async (role: 'admin' | 'ministry_analyst' | 'finance_officer') =>
      (
        (await (await monitoring.http(role)).get(`/alerts/${alertId}`).expect(200)).body.deliveries as {
          channel: string;
          subscriptionId: string;
          recipient: string;
        }[]
      ).map(({ channel, subscriptionId, recipient }) => ({ channel, subscriptionId, recipient }));

    it('shows administrators every recipient whole', async () => {
      expect(await deliveries('admin')).toEqual([
        { channel: 'webhook', subscriptionId: webhookId, recipient: hookUrl },
        { channel: 'email', subscriptionId: emailId, recipient: address },
      ]);
    });

    it('shows other staff the channel and subscription, but neither the webhook’s token nor the address', async () => {
      for (const role of ['ministry_analyst', 'finance_officer'] as const) {
        expect(await deliveries(role)).toEqual([
          { channel: 'webhook', subscriptionId: webhookId, recipient: 'https://hooks.example:8443' },
          { channel: 'email', subscriptionId: emailId, recipient: '…@minpromtorg.test' },
        ]);
      }
    });
  });

  describe('e-mail subscriptions', () => {
    it('lets an administrator subscribe an address, recording who did', async () => {
      const admin = await monitoring.http('admin', { userId: 'u-admin-subscribing' });
      const made = await admin.post('/subscriptions/email').send({ email: 's.ivanova@minpromtorg.test' }).expect(201);
      expect(made.body).toMatchObject({ userId: 'u-admin-subscribing', email: 's.ivanova@minpromtorg.test' });
    });
  });

  describe('ending a silence', () => {
    const silence = async (startsInMs: number) =>
      (
        await (
          await monitoring.http()
        )
          .post('/silences')
          .send({
            subject: `budget:${randomUUID()}`,
            startsAt: new Date(Date.now() + startsInMs).toISOString(),
            endsAt: '2099-01-01T00:00:00Z',
            reason: 'customs figures being corrected',
          })
          .expect(201)
      ).body as { id: string; endedBy: unknown; endedAt: unknown };

    it('records who ended it and when, shown with the silence; ending it again keeps the first', async () => {
      const made = await silence(0);
      expect(made).toMatchObject({ endedBy: null, endedAt: null });
      const before = Date.now();
      const ender = await monitoring.http('ministry_analyst', { userId: 'u-analyst-ending', name: 'M. Orlova' });
      const ended = (await ender.post(`/silences/${made.id}/end`).expect(200)).body;
      expect(ended.endedBy).toEqual({ userId: 'u-analyst-ending', name: 'M. Orlova' });
      expect(Date.parse(ended.endedAt)).toBeGreaterThanOrEqual(before - 1000);

      const other = await monitoring.http('admin', { userId: 'u-admin-ending' });
      const again = (await other.post(`/silences/${made.id}/end`).expect(200)).body;
      expect(again).toMatchObject({ endedBy: ended.endedBy, endedAt: ended.endedAt });
      const { items } = (await ender.get('/silences').query({ pageSize: 200 }).expect(200)).body;
      expect(items.find((item: { id: string }) => item.id === made.id)).toMatchObject({
        endedBy: ended.endedBy,
        endedAt: ended.endedAt,
      });
    });

    it('records who ended one before it started', async () => {
      const made = await silence(3_600_000);
      const ended = (
        await (await monitoring.http('admin', { userId: 'u-admin-early' })).post(`/silences/${made.id}/end`)
      ).body;
      expect(ended.endedBy).toEqual({ userId: 'u-admin-early', name: null });
    });
  });
});
