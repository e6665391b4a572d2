import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { BudgetReserved } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { startHookReceiver } from './support/receivers';

jest.setTimeout(300_000);

/** An endpoint that takes requests and answers none until told to. */
async function startSilentReceiver() {
  const waiting = new Set<ServerResponse>();
  const seen = { requests: 0, mostOpenAtOnce: 0 };
  const server = createServer((request, response) => {
    seen.requests += 1;
    waiting.add(response);
    seen.mostOpenAtOnce = Math.max(seen.mostOpenAtOnce, waiting.size);
    response.on('close', () => waiting.delete(response));
    request.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    waiting,
    answer: () => waiting.forEach((response) => response.writeHead(204).end()),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A mail relay whose acceptance of messages can be held back, keeping the alert id of each one accepted. */
async function startGatedSmtp() {
  const accepted: string[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const accept = () => {
          accepted.push(/^X-Redmet-Alert: (\S+)/m.exec(raw)?.[1] ?? '');
          callback();
        };
        if (holding) held.push(accept);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    held,
    hold: () => (holding = true),
    release: () => {
      holding = false;
      held.splice(0).forEach((accept) => accept());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface DeliveryRow {
  id: string;
  alert_id: string;
  state: string;
  attempts: number;
  leased_until: Date | null;
  last_error: string | null;
  log: { attempt: number; outcome: string; detail: string }[];
}

// One scenario in steps: each test goes on from where the one before left the silent endpoint.
describe('alert delivery isolation', () => {
  const budgetOnly = { ruleIds: ['subsidy.budget_utilisation'] };
  const staff = 'm.orlova@minpromtorg.test';
  // Years no other test uses, so every alert raised for one is this test's.
  const years = Array.from({ length: 50 }, (_, i) => 2000 + i).sort(() => Math.random() - 0.5);
  let monitoring: MonitoringTestApp;
  let smtp: Awaited<ReturnType<typeof startGatedSmtp>>;
  let good: Awaited<ReturnType<typeof startHookReceiver>>;
  let silent: Awaited<ReturnType<typeof startSilentReceiver>>;
  let silentHookId: string;
  let emailSubscriptionId: string;

  beforeAll(async () => {
    smtp = await startGatedSmtp();
    good = await startHookReceiver(204);
    silent = await startSilentReceiver();
    monitoring = await startMonitoring({
      SMTP_URL: smtp.url,
      // Two slots: were the silent endpoint given more than one, nothing else would get through.
      DELIVERY_CONCURRENCY: '2',
      // Longer than the test: the silent endpoint's request stays open until the test answers it.
      DELIVERY_TIMEOUT_MS: '120000',
    });
    // Only administrators subscribe addresses.
    const subscriber = await monitoring.http('admin', { userId: 'u-admin-1' });
    emailSubscriptionId = (
      await subscriber
        .post('/subscriptions/email')
        .send({ email: staff, ...budgetOnly })
        .expect(201)
    ).body.id;
    const admin = await monitoring.http('admin');
    await admin
      .post('/subscriptions/webhooks')
      .send({ url: good.url, description: 'GISP', ...budgetOnly })
      .expect(201);
    silentHookId = (
      await admin
        .post('/subscriptions/webhooks')
        .send({ url: silent.url, description: 'Never answers', ...budgetOnly })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    smtp.release();
    await silent.close();
    await monitoring.close();
    await Promise.all([smtp.close(), good.close()]);
  });

  async function raiseBudgetAlerts(count: number): Promise<string[]> {
    const chosen = years.splice(0, count);
    const events = await Promise.all(
      chosen.map((year) =>
        monitoring.publish(BudgetReserved, String(year), {
          ...samplePayload(BudgetReserved),
          programmeYear: year,
          claimId: randomUUID(),
          utilisationPercent: '95.00',
        }),
      ),
    );
    await monitoring.processed(...events);
    const rows = await monitoring.query<{ alert_id: string }>('SELECT alert_id FROM alert WHERE subject = ANY($1)', [
      chosen.map((year) => `budget:${year}`),
    ]);
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.alert_id);
  }

  function deliveriesTo(recipient: string, alertIds?: string[]): Promise<DeliveryRow[]> {
    return monitoring.query<DeliveryRow>(
      `SELECT d.id, d.alert_id, d.state, d.attempts, d.leased_until, d.last_error,
              coalesce(json_agg(json_build_object('attempt', a.attempt, 'outcome', a.outcome, 'detail', a.detail)
                ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '[]') AS log
         FROM alert_delivery d LEFT JOIN alert_delivery_attempt a ON a.delivery_id = d.id
        WHERE d.recipient = $1 AND ($2::uuid[] IS NULL OR d.alert_id = ANY($2))
        GROUP BY d.id`,
      [recipient, alertIds ?? null],
    );
  }

  it('an endpoint that never answers holds one slot: e-mails and other webhooks all go out meanwhile', async () => {
    const alerts = await raiseBudgetAlerts(8);

    await waitFor(
      async () =>
        alerts.every((id) => smtp.accepted.includes(id)) &&
        alerts.every((id) => good.hooks.some((hook) => hook.body.includes(id))),
      { ...PATIENTLY, description: 'every e-mail and healthy webhook delivered' },
    );
    expect(silent.seen.mostOpenAtOnce).toBe(1);
    const stuck = await deliveriesTo(silent.url, alerts);
    expect(stuck).toHaveLength(alerts.length);
    expect(stuck.filter((d) => d.state === 'pending' && d.attempts === 0).length).toBeGreaterThanOrEqual(
      alerts.length - 1,
    );
  });

  it('an attempt that ends after another claim took its delivery over is logged, and changes nothing else', async () => {
    const [inFlight] = (await deliveriesTo(silent.url)).filter((d) => d.leased_until !== null);
    // As another instance would after this one's lease ran out: the next attempt, under its own lease.
    await monitoring.query(
      `UPDATE alert_delivery SET attempts = attempts + 1, leased_until = now() + interval '1 hour' WHERE id = $1`,
      [inFlight.id],
    );
    const warn = jest.spyOn(Logger.prototype, 'warn');

    silent.answer();
    await waitFor(
      async () => warn.mock.calls.some(([, message]) => String(message).includes('after its lease was taken over')),
      { ...PATIENTLY, description: 'the late attempt to finish' },
    );
    const [after] = (await deliveriesTo(silent.url)).filter((d) => d.id === inFlight.id);
    // The endpoint got it: the log says so, while the delivery stays the later attempt's.
    expect(after).toMatchObject({
      state: 'pending',
      attempts: inFlight.attempts + 1,
      log: [
        {
          attempt: inFlight.attempts,
          outcome: 'delivered',
          detail: 'HTTP 204; it ended after another attempt had taken the delivery over',
        },
      ],
    });
    expect(after.leased_until).not.toBeNull();
  });

  it('deliveries queued for a deactivated webhook or a deleted e-mail subscription are failed, not sent', async () => {
    await (await monitoring.http('admin')).delete(`/subscriptions/webhooks/${silentHookId}`).expect(204);
    // The instance that took the last delivery over is gone: its lease has run out.
    await monitoring.query(
      `UPDATE alert_delivery SET leased_until = now() - interval '1 second' WHERE recipient = $1 AND leased_until IS NOT NULL`,
      [silent.url],
    );
    const dropped = await waitFor(async () => {
      const rows = await deliveriesTo(silent.url);
      return rows.every((d) => d.state !== 'pending') && rows;
    }, PATIENTLY);
    for (const delivery of dropped) {
      expect(delivery).toMatchObject({ state: 'failed', last_error: 'not sent: the webhook was deactivated' });
      expect(delivery.log.at(-1)).toMatchObject({ outcome: 'failed', detail: 'not sent: the webhook was deactivated' });
    }
    expect(silent.seen.requests).toBe(1);

    smtp.hold();
    const alerts = await raiseBudgetAlerts(3);
    await waitFor(async () => smtp.held.length > 0, { ...PATIENTLY, description: 'an e-mail in flight' });
    await (await monitoring.http('admin')).delete(`/subscriptions/email/${emailSubscriptionId}`).expect(204);
    smtp.release();

    const emails = await waitFor(async () => {
      const rows = await deliveriesTo(staff, alerts);
      return rows.length === alerts.length && rows.every((d) => d.state !== 'pending') && rows;
    }, PATIENTLY);
    const sent = emails.filter((d) => d.state === 'delivered');
    // Held, those in flight can be no more than the two slots: the third is still queued when it is deleted.
    expect(sent.length).toBeLessThan(alerts.length);
    expect(alerts.filter((id) => smtp.accepted.includes(id)).sort()).toEqual(sent.map((d) => d.alert_id).sort());
    for (const delivery of emails.filter((d) => d.state !== 'delivered')) {
      expect(delivery).toMatchObject({ state: 'failed', last_error: 'not sent: the e-mail subscription was deleted' });
    }
    await waitFor(async () => alerts.every((id) => good.hooks.some((hook) => hook.body.includes(id))), PATIENTLY);
  });
});
