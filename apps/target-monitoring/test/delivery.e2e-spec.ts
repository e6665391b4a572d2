import { createHmac, randomUUID } from 'node:crypto';
import {
  AlertAcknowledged,
  AlertRaised,
  AlertResolved,
  AlertSeverityRaised,
  BudgetReserved,
  LicenceAmended,
  LicenceIssued,
  ReportAccepted,
  ReportingDeadlineMissed,
  TOPICS,
} from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { addDays, Clock } from '@redmet/platform';
import { readTopic, waitFor } from '@redmet/testing';
import { EscalationService } from '../src/alerts/escalation.service';
import { verifyWebhook } from '../src/delivery/webhook-signature';
import { acceptedReport, issuedLicence, lines, productCode } from './support/builders';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { deadEndpoint, startHookReceiver, startSmtpReceiver } from './support/receivers';
import { listening, openStream } from './support/sse-client';

jest.setTimeout(180_000);

interface Delivery {
  channel: string;
  recipient: string;
  state: string;
  attempts: number;
  log: { attempt: number; outcome: string; detail: string }[];
}

describe('alert delivery by e-mail and signed webhooks', () => {
  /** An address the mail server refuses, naming it in its answer. */
  const retired = 'retired.user@minpromtorg.test';
  let monitoring: MonitoringTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let good: Awaited<ReturnType<typeof startHookReceiver>>;
  let failing: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeAll(async () => {
    smtp = await startSmtpReceiver([retired]);
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
    const admin = await monitoring.http('admin');
    // Only administrators subscribe addresses (the sign-in carries none to check an analyst's own against).
    await admin
      .post('/subscriptions/email')
      .send({ email: 'm.orlova@minpromtorg.test', ...budgetOnly })
      .expect(201);
    await analyst.post('/subscriptions/webhooks').send({ url: good.url, description: 'GISP' }).expect(403);
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
      // Administrators see every recipient whole.
      const detail = (await admin.get(`/alerts/${alert.alertId}`).expect(200)).body;
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

  it('e-mails an escalation under a subject that says so, not as the alert raised again', async () => {
    const admin = await monitoring.http('admin', { userId: 'u-admin-2', name: 'S. Ivanova' });
    await admin
      .post('/subscriptions/email')
      .send({ email: 's.ivanova@minpromtorg.test', ruleIds: ['target.off_track'] })
      .expect(201);
    // No new plant is known in a test database, 0 of 15 is off track: a critical alert, evaluated on start.
    const alert = await waitFor(async () => {
      const { items } = (await admin.get('/alerts').query({ subject: 'target:new-plants', state: 'open' }).expect(200))
        .body;
      return items[0] as { alertId: string; title: string; severity: string } | undefined;
    }, PATIENTLY);
    expect(alert.severity).toBe('critical');

    await monitoring.app.get(EscalationService).runCheck(new Date(Date.now() + 61 * 60_000));
    // Told apart by its text, which always said what happened: the subject is what is checked.
    const mail = await waitFor(
      async () => smtp.mails.find((m) => m.raw.includes(alert.alertId) && m.text.includes('Alert ESCALATED')),
      PATIENTLY,
    );
    expect(mail.to).toEqual(['s.ivanova@minpromtorg.test']);
    expect(mail.subject).toBe(`[CRITICAL] Alert ESCALATED (unacknowledged): ${alert.title}`);
  });

  it('delivers the resolution of an alert people were told of, even under a silence; one they were not told of stays quiet', async () => {
    const receiver = await startHookReceiver(204);
    try {
      const admin = await monitoring.http('admin');
      await admin
        .post('/subscriptions/webhooks')
        .send({ url: receiver.url, description: 'Ministry dashboard', ruleIds: ['reporting.deadline_missed'] })
        .expect(201);
      const missed = () => {
        const [companyId, depositId] = [randomUUID(), randomUUID()];
        const obligationId = `${companyId}:${depositId}:2068-Q3`;
        const event = {
          ...samplePayload(ReportingDeadlineMissed),
          obligationId,
          companyId,
          depositId,
          period: '2068-Q3',
        };
        return { event, subject: `obligation:${obligationId}` };
      };
      const [told, muted] = [missed(), missed()];
      const alertOf = async (subject: string) =>
        (await admin.get('/alerts').query({ subject }).expect(200)).body.items[0] as { alertId: string };
      const hooksOf = (alertId: string) =>
        receiver.hooks.map((hook) => JSON.parse(hook.body)).filter((notice) => notice.alert.alertId === alertId);

      await monitoring.processed(
        await monitoring.publish(ReportingDeadlineMissed, told.event.obligationId, told.event),
      );
      const toldId = (await alertOf(told.subject)).alertId;
      await waitFor(async () => hooksOf(toldId).length > 0, PATIENTLY);
      for (const { subject } of [told, muted]) {
        await admin
          .post('/silences')
          .send({ subject, endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: 'report being signed' })
          .expect(201);
      }
      await monitoring.processed(
        await monitoring.publish(ReportingDeadlineMissed, muted.event.obligationId, muted.event),
      );
      const mutedId = (await alertOf(muted.subject)).alertId;
      for (const { event } of [told, muted]) {
        const report = acceptedReport({ companyId: event.companyId, depositId: event.depositId, period: '2068-Q3' });
        await monitoring.processed(await monitoring.publish(ReportAccepted, report.reportId, report));
      }

      const detail = async (alertId: string) => (await admin.get(`/alerts/${alertId}`).expect(200)).body;
      const history = async (alertId: string) =>
        (await detail(alertId)).history.map((entry: { type: string; silenced: boolean }) => [
          entry.type,
          entry.silenced,
        ]);
      // The silence mutes what is new, not the all-clear for what staff and other systems were told of.
      expect(await history(toldId)).toEqual([
        [AlertRaised.type, false],
        [AlertResolved.type, false],
      ]);
      await waitFor(async () => hooksOf(toldId).some((notice) => notice.eventType === AlertResolved.type), PATIENTLY);
      expect(await history(mutedId)).toEqual([
        [AlertRaised.type, true],
        [AlertResolved.type, true],
      ]);
      expect((await detail(mutedId)).deliveries).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('tells webhooks and the live stream who acknowledged an alert and why, in the shape of the Kafka event', async () => {
    const receiver = await startHookReceiver(204);
    const base = await listening(monitoring.app.getHttpServer());
    const stream = await openStream(
      `${base}/alerts/stream?access_token=${await monitoring.auth.token({ roles: ['ministry_analyst'] })}`,
    );
    try {
      await (
        await monitoring.http('admin')
      )
        .post('/subscriptions/webhooks')
        .send({ url: receiver.url, description: 'Ministry dashboard', ruleIds: ['reporting.deadline_missed'] })
        .expect(201);
      const [companyId, depositId] = [randomUUID(), randomUUID()];
      const obligationId = `${companyId}:${depositId}:2067-Q4`;
      const missed = {
        ...samplePayload(ReportingDeadlineMissed),
        obligationId,
        companyId,
        depositId,
        period: '2067-Q4',
      };
      await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligationId, missed));
      const analyst = await monitoring.http('ministry_analyst', { userId: 'u-analyst-9', name: 'A. Petrov' });
      const [alert] = (
        await analyst
          .get('/alerts')
          .query({ subject: `obligation:${obligationId}` })
          .expect(200)
      ).body.items as { alertId: string }[];
      await analyst
        .post(`/alerts/${alert.alertId}/acknowledge`)
        .send({ comment: 'The company filed it by post' })
        .expect(200);

      const told = {
        alertId: alert.alertId,
        state: 'acknowledged',
        acknowledgedBy: { userId: 'u-analyst-9', name: 'A. Petrov' },
        comment: 'The company filed it by post',
      };
      const hook = await waitFor(async () => {
        const notices = receiver.hooks.map((h) => JSON.parse(h.body));
        return notices.find((n) => n.eventType === AlertAcknowledged.type && n.alert.alertId === alert.alertId);
      }, PATIENTLY);
      expect(hook.alert).toMatchObject(told);
      const live = await waitFor(
        async () => stream.events.find((e) => e.event === AlertAcknowledged.type && e.data.alertId === alert.alertId),
        PATIENTLY,
      );
      const { type, occurredAt, ...streamed } = live.data;
      expect({ type, occurredAt }).toEqual({ type: AlertAcknowledged.type, occurredAt: hook.occurredAt });
      expect(streamed).toMatchObject(told);

      // One shape for every channel: what other systems read on Kafka, no more and no less.
      const [published] = await readTopic(
        TOPICS.monitoringAlert.name,
        (message) => message.key === alert.alertId && message.headers['x-event-type'] === AlertAcknowledged.type,
        (found) => found.length >= 1,
        90_000,
      );
      const { payload } = JSON.parse(published.value ?? '{}');
      expect(hook.alert).toEqual(payload);
      expect(streamed).toEqual(payload);
    } finally {
      stream.close();
      await receiver.close();
    }
  });

  it('e-mails a warning turned critical to those who want critical alerts only, saying what it was', async () => {
    const receiver = await startHookReceiver(204);
    try {
      const admin = await monitoring.http('admin');
      const expiringOnly = { ruleIds: ['registry.licence_expiring_output'] };
      await admin
        .post('/subscriptions/email')
        .send({ email: 'duty.officer@minpromtorg.test', minSeverity: 'critical', ...expiringOnly })
        .expect(201);
      await admin
        .post('/subscriptions/webhooks')
        .send({ url: receiver.url, description: 'Ministry dashboard', ...expiringOnly })
        .expect(201);
      // A producing licence with 60 days left (a warning), then cut short to 20 (critical: the 30 days' mark).
      const today = monitoring.app.get(Clock).today();
      const licence = issuedLicence({ validTo: addDays(today, 60) });
      await monitoring.processed(await monitoring.publish(LicenceIssued, licence.licenceId, licence));
      const output = acceptedReport({
        companyId: licence.holderCompanyId,
        depositId: licence.depositId,
        period: addDays(today, -40).slice(0, 7),
        lines: lines({ productCode: productCode(), quantity: '12' }),
      });
      await monitoring.processed(await monitoring.publish(ReportAccepted, output.reportId, output));
      const [alert] = (
        await admin
          .get('/alerts')
          .query({ subject: `licence:${licence.licenceId}` })
          .expect(200)
      ).body.items as { alertId: string; severity: string }[];
      expect(alert.severity).toBe('warning');
      const noticesOf = (eventType: string) =>
        receiver.hooks
          .map((hook) => JSON.parse(hook.body))
          .filter((notice) => notice.eventType === eventType && notice.alert.alertId === alert.alertId);
      await waitFor(async () => noticesOf(AlertRaised.type).length > 0, PATIENTLY);

      const shortened = { ...licence, validTo: addDays(today, 20), version: licence.version + 1 };
      await monitoring.processed(await monitoring.publish(LicenceAmended, licence.licenceId, shortened));

      const mail = await waitFor(
        async () =>
          smtp.mails.find((m) => m.raw.includes(alert.alertId) && m.to.includes('duty.officer@minpromtorg.test')),
        PATIENTLY,
      );
      expect(mail.subject).toMatch(/^\[CRITICAL\] Alert WORSENED \(was warning\): Licence .* ends in 20 days/);
      expect(mail.text).toContain(`https://console.redmet.test/alerts/${alert.alertId}`);
      const [hook] = await waitFor(async () => {
        const found = noticesOf(AlertSeverityRaised.type);
        return found.length > 0 && found;
      }, PATIENTLY);
      expect(hook.alert).toMatchObject({ severity: 'critical', previousSeverity: 'warning', state: 'open' });
      // Only the change was news to the critical-only address: the warning itself was not sent to it.
      expect(smtp.mails.filter((m) => m.to.includes('duty.officer@minpromtorg.test'))).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('follows up an alert to every webhook told of it, though its severity fell below the webhook’s least since', async () => {
    const receiver = await startHookReceiver(204);
    try {
      const admin = await monitoring.http('admin');
      const { id: webhookId } = (
        await admin
          .post('/subscriptions/webhooks')
          .send({
            url: receiver.url,
            description: 'Duty desk',
            minSeverity: 'critical',
            ruleIds: ['registry.licence_expiring_output'],
          })
          .expect(201)
      ).body as { id: string };
      // A producing licence with 20 days left: critical from the start.
      const today = monitoring.app.get(Clock).today();
      const licence = issuedLicence({ validTo: addDays(today, 20) });
      const output = acceptedReport({
        companyId: licence.holderCompanyId,
        depositId: licence.depositId,
        period: addDays(today, -40).slice(0, 7),
        lines: lines({ productCode: productCode(), quantity: '12' }),
      });
      await monitoring.processed(
        await monitoring.publish(LicenceIssued, licence.licenceId, licence),
        await monitoring.publish(ReportAccepted, output.reportId, output),
      );
      const alertNow = async () =>
        (
          await admin
            .get('/alerts')
            .query({ subject: `licence:${licence.licenceId}` })
            .expect(200)
        ).body.items[0] as { alertId: string; severity: string; state: string };
      const { alertId, severity } = await alertNow();
      expect(severity).toBe('critical');
      const told = () =>
        receiver.hooks
          .map((hook) => JSON.parse(hook.body))
          .filter((notice) => notice.alert.alertId === alertId)
          .map((notice) => notice.eventType as string)
          .sort();
      await waitFor(async () => told().includes(AlertRaised.type), PATIENTLY);

      // Extended to 60 days: a warning, which is no news (no event), then acknowledged, then extended for good.
      const amended = (validTo: string, version: number) =>
        monitoring.publish(LicenceAmended, licence.licenceId, { ...licence, validTo, version });
      await monitoring.processed(await amended(addDays(today, 60), licence.version + 1));
      expect(await alertNow()).toMatchObject({ severity: 'warning', state: 'open' });
      await (
        await monitoring.http('ministry_analyst')
      )
        .post(`/alerts/${alertId}/acknowledge`)
        .send({ comment: 'Renewal filed' })
        .expect(200);
      await monitoring.processed(await amended(addDays(today, 400), licence.version + 2));
      expect(await alertNow()).toMatchObject({ state: 'resolved' });

      // Queued in the alert's transactions: the webhook is not left with an alert open that was settled.
      const queued = await monitoring.query<{ type: string }>(
        `SELECT e.type FROM alert_delivery d JOIN alert_event e ON e.id = d.alert_event_id
          WHERE d.alert_id = $1 AND d.subscription_id = $2 ORDER BY e.id`,
        [alertId, webhookId],
      );
      expect(queued.map((row) => row.type)).toEqual([AlertRaised.type, AlertAcknowledged.type, AlertResolved.type]);
      await waitFor(async () => told().length === 3, PATIENTLY);
      expect(told()).toEqual([AlertAcknowledged.type, AlertRaised.type, AlertResolved.type]);
    } finally {
      await receiver.close();
    }
  });

  it('shows other staff neither a webhook’s token nor an address where a delivery’s errors name them; admins see them', async () => {
    const token = `tok-${randomUUID()}`;
    const admin = await monitoring.http('admin');
    const deadlinesOnly = { ruleIds: ['reporting.deadline_missed'] };
    const { id: emailId } = (
      await admin
        .post('/subscriptions/email')
        .send({ email: retired, ...deadlinesOnly })
        .expect(201)
    ).body as { id: string };
    const { id: webhookId } = (
      await admin
        .post('/subscriptions/webhooks')
        .send({ url: `${good.url}?token=${token}`, description: 'Legacy relay', ...deadlinesOnly })
        .expect(201)
    ).body as { id: string };
    // Registered before URLs with credentials were refused: fetch refuses it, quoting it whole, token and all.
    const legacyUrl = good.url.replace('http://', 'http://relay:pw@') + `?token=${token}`;
    await monitoring.query('UPDATE webhook_subscription SET url = $2 WHERE id = $1', [webhookId, legacyUrl]);
    try {
      const [companyId, depositId] = [randomUUID(), randomUUID()];
      const obligationId = `${companyId}:${depositId}:2066-Q2`;
      const missed = {
        ...samplePayload(ReportingDeadlineMissed),
        obligationId,
        companyId,
        depositId,
        period: '2066-Q2',
      };
      await monitoring.processed(await monitoring.publish(ReportingDeadlineMissed, obligationId, missed));
      const [{ alert_id: alertId }] = await monitoring.query<{ alert_id: string }>(
        'SELECT alert_id FROM alert WHERE subject = $1',
        [`obligation:${obligationId}`],
      );
      const ours = (deliveries: (Delivery & { subscriptionId: string; lastError: string })[]) =>
        deliveries.filter((d) => d.subscriptionId === emailId || d.subscriptionId === webhookId);
      const seenBy = async (role: 'admin' | 'ministry_analyst') =>
        ours((await (await monitoring.http(role)).get(`/alerts/${alertId}`).expect(200)).body.deliveries);
      const settled = await waitFor(async () => {
        const found = await seenBy('admin');
        return found.length === 2 && found.every((d) => d.state === 'failed') && found;
      }, PATIENTLY);

      // As the endpoint and the mail server wrote them: administrators manage both.
      const [email, webhook] = [emailId, webhookId].map((id) => settled.find((d) => d.subscriptionId === id));
      expect(email?.lastError).toMatch(/refused the recipient: .*550 5\.1\.1 <retired\.user@minpromtorg\.test>/);
      expect(webhook?.lastError).toContain(legacyUrl);
      for (const d of settled) expect(d.log.map((entry) => entry.detail)).toEqual(d.log.map(() => d.lastError));

      const shown = await seenBy('ministry_analyst');
      expect(JSON.stringify(shown)).not.toContain(token);
      expect(JSON.stringify(shown)).not.toContain('relay:pw');
      expect(JSON.stringify(shown)).not.toContain('retired.user');
      const origin = new URL(good.url).origin;
      expect(shown.map((d) => [d.recipient, d.lastError, d.log[0].detail])).toEqual(
        expect.arrayContaining([
          [
            '…@minpromtorg.test',
            expect.stringContaining('550 5.1.1 <…@minpromtorg.test>'),
            expect.stringContaining('550 5.1.1 <…@minpromtorg.test>'),
          ],
          [
            origin,
            expect.stringContaining(`credentials: ${origin}`),
            expect.stringContaining(`credentials: ${origin}`),
          ],
        ]),
      );
    } finally {
      await admin.delete(`/subscriptions/email/${emailId}`).expect(204);
      await admin.delete(`/subscriptions/webhooks/${webhookId}`).expect(204);
    }
  });

  it('refuses a webhook URL with a user or password, to which no request could be sent', async () => {
    const admin = await monitoring.http('admin');
    const url = 'https://gisp:s3cret@gisp.example/hooks/redmet';
    const refused = await admin.post('/subscriptions/webhooks').send({ url, description: 'GISP' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ field: 'url', messages: [expect.stringMatching(/user name or password.*path or query/)] }],
    });
    expect(await monitoring.query(`SELECT id FROM webhook_subscription WHERE url LIKE '%s3cret@%'`)).toEqual([]);
  });

  it('refuses a subscription to no rule at all, which would never be sent anything', async () => {
    const admin = await monitoring.http('admin');
    const refused = [
      await admin.post('/subscriptions/email').send({ email: 'a.petrov@minpromtorg.test', ruleIds: [] }),
      await admin.post('/subscriptions/webhooks').send({ url: good.url, description: 'GISP', ruleIds: [] }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'ruleIds' })]);
    }
    expect((await admin.get('/subscriptions/email').expect(200)).body).not.toContainEqual(
      expect.objectContaining({ email: 'a.petrov@minpromtorg.test' }),
    );
  });
});
