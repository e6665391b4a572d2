import { createHmac, randomUUID } from 'node:crypto';
import { AlertRaised, BudgetReserved } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { verifyWebhook } from '../src/delivery/webhook-signature';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { deadEndpoint, startHookReceiver, startSmtpReceiver } from './support/receivers';

jest.setTimeout(180_000);

interface Delivery {
  channel: string;
  recipient: string;
  state: string;
  attempts: number;
  log: { attempt: number; outcome: string; detail: string }[];
}

describe('alert delivery by e-mail and signed webhooks', () => {
  let monitoring: MonitoringTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let good: Awaited<ReturnType<typeof startHookReceiver>>;
  let failing: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    good = await startHookReceiver(204);
    failing = await startHookReceiver(500);
    monitoring = await startMonitoring({
      SMTP_URL: smtp.url,
      CONSOLE_URL: 'https://console.redmet.test',
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_BACKOFF_MS: '100',
    });
  });

  afterAll(async () => {
    await monitoring.close();
    await Promise.all([smtp.close(), good.close(), failing.close()]);
  });

  it('e-mails subscribers and calls webhooks; a failing endpoint is retried then logged as failed, others go on', async () => {
    const budgetOnly = { ruleIds: ['subsidy.budget_utilisation'] };
    const analyst = await monitoring.http('ministry_analyst', { userId: 'u-analyst-1', name: 'M. Orlova' });
    await analyst
      .post('/subscriptions/email')
      .send({ email: 'm.orlova@minpromtorg.test', ...budgetOnly })
      .expect(201);
    await analyst.post('/subscriptions/webhooks').send({ url: good.url, description: 'GISP' }).expect(403);
    const admin = await monitoring.http('admin');
    const register = async (url: string, description: string) =>
      (
        await admin
          .post('/subscriptions/webhooks')
          .send({ url, description, ...budgetOnly })
          .expect(201)
      ).body;
    const goodHook = await register(good.url, 'GISP portal');
    await register(failing.url, 'Broken receiver');
    await register(await deadEndpoint(), 'Decommissioned system');
    expect(goodHook.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await admin.get('/subscriptions/webhooks').expect(200)).body[0]).not.toHaveProperty('secret');

    const year = 2050 + Math.floor(Math.random() * 30);
    const budget = {
      ...samplePayload(BudgetReserved),
      programmeYear: year,
      claimId: randomUUID(),
      utilisationPercent: '95.00',
    };
    await monitoring.processed(await monitoring.publish(BudgetReserved, String(year), budget));
    const [alert] = (
      await analyst
        .get('/alerts')
        .query({ subject: `budget:${year}` })
        .expect(200)
    ).body.items;

    const mail = await waitFor(async () => smtp.mails.find((m) => m.raw.includes(alert.alertId)), PATIENTLY);
    expect(mail.to).toEqual(['m.orlova@minpromtorg.test']);
    expect(mail.subject).toBe(`[WARNING] Subsidy budget ${year} is 95.00% committed`);
    expect(mail.text).toContain(`Open in the console: https://console.redmet.test/alerts/${alert.alertId}`);
    expect(mail.text).toContain('Severity: warning');

    const hook = await waitFor(async () => good.hooks.find((h) => h.body.includes(alert.alertId)), PATIENTLY);
    // As a receiver following the README would check it: HMAC-SHA256 of "<t>.<body>" with the secret.
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hook.headers['x-redmet-signature'])) ?? [];
    expect(v1).toBe(createHmac('sha256', goodHook.secret).update(`${t}.${hook.body}`).digest('hex'));
    expect(verifyWebhook(goodHook.secret, hook.body, String(hook.headers['x-redmet-signature']), new Date())).toBe(
      true,
    );
    expect(verifyWebhook('not-the-secret', hook.body, String(hook.headers['x-redmet-signature']), new Date())).toBe(
      false,
    );
    expect(JSON.parse(hook.body)).toMatchObject({
      eventType: AlertRaised.type,
      alert: { alertId: alert.alertId, severity: 'warning' },
    });

    const deliveries: Delivery[] = await waitFor(async () => {
      const detail = (await analyst.get(`/alerts/${alert.alertId}`).expect(200)).body;
      return detail.deliveries.every((d: Delivery) => d.state !== 'pending') && detail.deliveries;
    }, PATIENTLY);
    const byRecipient = new Map(deliveries.map((d) => [d.recipient, d]));
    expect(byRecipient.get('m.orlova@minpromtorg.test')).toMatchObject({
      channel: 'email',
      state: 'delivered',
      attempts: 1,
    });
    expect(byRecipient.get(good.url)).toMatchObject({ channel: 'webhook', state: 'delivered', attempts: 1 });
    expect(byRecipient.get(failing.url)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(byRecipient.get(failing.url)?.log.map((entry) => entry.detail)).toEqual([
      'HTTP 500 from the endpoint',
      'HTTP 500 from the endpoint',
      'HTTP 500 from the endpoint',
    ]);
    expect(failing.hooks.filter((h) => h.body.includes(alert.alertId))).toHaveLength(3);
    const dead = deliveries.find((d) => d.recipient.endsWith('/gone'));
    expect(dead).toMatchObject({ state: 'failed', attempts: 3 });
    expect(dead?.log[0].detail).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
