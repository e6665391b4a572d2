import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { BudgetReserved } from '@redmet/contracts';
import { samplePayload } from '@redmet/contracts/testing';
import { waitFor } from '@redmet/testing';
import { type MonitoringTestApp, PATIENTLY, startMonitoring } from './support/monitoring-app';
import { startHookReceiver } from './support/receivers';

jest.setTimeout(180_000);

/** A "mail server" that takes connections and never says a word. */
async function startMuteSmtp() {
  const open = new Set<Socket>();
  const seen = { connections: 0 };
  const server = createServer((socket) => {
    seen.connections += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    open,
    close: () => {
      open.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An endpoint that holds every request until `want` are open at once (when armed), then answers all with 204. */
async function startLatchedReceiver(want: number) {
  const waiting = new Set<ServerResponse>();
  const seen = { bodies: [] as string[], mostOpenAtOnce: 0, armed: false, opened: false };
  const server = createHttpServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      waiting.add(response);
      seen.mostOpenAtOnce = Math.max(seen.mostOpenAtOnce, waiting.size);
      response.on('close', () => waiting.delete(response));
      seen.bodies.push(body);
      if (waiting.size >= want) seen.opened = true;
      if (!seen.armed || seen.opened) waiting.forEach((held) => held.writeHead(204).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A mail relay that refuses one address at RCPT TO with 550 and holds every
 * message it takes until `want` are held at once (when armed), then takes all.
 */
async function startLatchedSmtp(want: number, unknown: string) {
  const held = new Set<() => void>();
  const seen = {
    mails: [] as { to: string; alertId: string }[],
    refused: 0,
    mostOpenAtOnce: 0,
    armed: false,
    opened: false,
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address !== unknown) return callback();
      seen.refused += 1;
      callback(Object.assign(new Error('5.1.1 <' + unknown + '>: user unknown'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const accept = () => {
          held.delete(accept);
          const alertId = /^X-Redmet-Alert: (\S+)/m.exec(raw)?.[1] ?? '';
          for (const rcpt of session.envelope.rcptTo) seen.mails.push({ to: rcpt.address, alertId });
          callback();
        };
        held.add(accept);
        seen.mostOpenAtOnce = Math.max(seen.mostOpenAtOnce, held.size);
        if (held.size >= want) seen.opened = true;
        if (!seen.armed || seen.opened) [...held].forEach((release) => release());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      [...held].forEach((release) => release());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const budgetOnly = { ruleIds: ['subsidy.budget_utilisation'] };
// Drawn without repeats, so every alert raised here is a new one.
const years = Array.from({ length: 101 }, (_, i) => 2000 + i).sort(() => Math.random() - 0.5);

async function raiseAlert(monitoring: MonitoringTestApp): Promise<string> {
  const year = years.pop() as number;
  const event = await monitoring.publish(BudgetReserved, String(year), {
    ...samplePayload(BudgetReserved),
    programmeYear: year,
    claimId: randomUUID(),
    utilisationPercent: '95.00',
  });
  await monitoring.processed(event);
  const [row] = await monitoring.query<{ alert_id: string }>('SELECT alert_id FROM alert WHERE subject = $1', [
    `budget:${year}`,
  ]);
  return row.alert_id;
}

interface Attempt {
  id: string;
  channel: string;
  recipient: string;
  state: string;
  attempt: number;
  outcome: string;
  detail: string;
}

describe('alert delivery when the mail server never answers', () => {
  // More addresses than slots: were each given a slot, nothing else would get through.
  const addresses = ['a.petrov@minpromtorg.test', 'b.ivanova@minpromtorg.test', 'c.sidorov@minpromtorg.test'];
  let monitoring: MonitoringTestApp;
  let mute: Awaited<ReturnType<typeof startMuteSmtp>>;
  let good: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeAll(async () => {
    mute = await startMuteSmtp();
    good = await startHookReceiver(204);
    monitoring = await startMonitoring({
      SMTP_URL: mute.url,
      DELIVERY_CONCURRENCY: '2',
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_TIMEOUT_MS: '1500',
    });
  });

  afterAll(async () => {
    await monitoring.close();
    await Promise.all([mute.close(), good.close()]);
  });

  const raiseBudgetAlert = () => raiseAlert(monitoring);

  function attempts(alertIds: string[]): Promise<Attempt[]> {
    return monitoring.query<Attempt>(
      `SELECT a.id, d.channel, d.recipient, d.state, a.attempt, a.outcome, a.detail
         FROM alert_delivery_attempt a JOIN alert_delivery d ON d.id = a.delivery_id
        WHERE d.alert_id = ANY($1) ORDER BY a.id`,
      [alertIds],
    );
  }

  it('each attempt fails at the deadline and is retried; webhooks go out while the e-mails hang', async () => {
    // Only administrators subscribe addresses.
    const subscriber = await monitoring.http('admin', { userId: 'u-admin-1' });
    for (const email of addresses)
      await subscriber
        .post('/subscriptions/email')
        .send({ email, ...budgetOnly })
        .expect(201);
    const first = await raiseBudgetAlert();
    await waitFor(async () => mute.open.size > 0, { ...PATIENTLY, description: 'an e-mail hanging' });

    const admin = await monitoring.http('admin');
    await admin
      .post('/subscriptions/webhooks')
      .send({ url: good.url, description: 'GISP', ...budgetOnly })
      .expect(201);
    const second = await raiseBudgetAlert();
    await waitFor(async () => good.hooks.some((hook) => hook.body.includes(second)), PATIENTLY);

    const log = await waitFor(async () => {
      const rows = await attempts([first, second]);
      return (
        rows.filter((row) => row.channel === 'email' && row.state === 'failed').length === addresses.length * 2 * 2 &&
        rows
      );
    }, PATIENTLY);
    const [hook] = log.filter((row) => row.channel === 'webhook');
    const emails = log.filter((row) => row.channel === 'email');
    // Logged before any e-mail attempt ended: no e-mail had to give its slot up first.
    expect(BigInt(hook.id)).toBeLessThan(BigInt(emails[0].id));
    expect(hook).toMatchObject({ outcome: 'delivered', attempt: 1 });
    for (const address of addresses) {
      const tried = emails.filter((row) => row.recipient === address);
      expect(tried.map((row) => [row.attempt, row.outcome, row.detail]).sort()).toEqual([
        [1, 'failed', 'timed out after 1500 ms'],
        [1, 'failed', 'timed out after 1500 ms'],
        [2, 'failed', 'timed out after 1500 ms'],
        [2, 'failed', 'timed out after 1500 ms'],
      ]);
    }
    // Every connection was given up: a hung server is not left holding any.
    await waitFor(async () => mute.open.size === 0, PATIENTLY);
    // At least one per attempt logged above; budget alerts other test files raise on the shared topic may add theirs.
    expect(mute.seen.connections).toBeGreaterThanOrEqual(addresses.length * 2 * 2);
  });
});

describe('a burst of alerts to one webhook that answers', () => {
  let monitoring: MonitoringTestApp;
  let hook: Awaited<ReturnType<typeof startLatchedReceiver>>;

  beforeAll(async () => {
    hook = await startLatchedReceiver(3);
    monitoring = await startMonitoring({
      // Set here as the other test left them in the environment.
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_MAX_ATTEMPTS: '5',
      DELIVERY_DESTINATION_CONCURRENCY: '3',
      DELIVERY_TIMEOUT_MS: '60000',
    });
  });

  afterAll(async () => {
    await monitoring.close();
    await hook.close();
  });

  it('goes out several at once, each delivery once, one log row per attempt', async () => {
    const admin = await monitoring.http('admin');
    await admin
      .post('/subscriptions/webhooks')
      .send({ url: hook.url, description: 'GISP', ...budgetOnly })
      .expect(201);
    const first = await raiseAlert(monitoring);
    await waitFor(async () => hook.seen.bodies.some((body) => body.includes(first)), PATIENTLY);
    await waitFor(
      async () =>
        (await monitoring.query(`SELECT 1 FROM alert_delivery WHERE alert_id = $1 AND state = 'delivered'`, [first]))
          .length === 1,
      PATIENTLY,
    );

    // Held until three are open at once: one at a time, the first would wait out the whole deadline.
    hook.seen.armed = true;
    const burst: string[] = [];
    for (let i = 0; i < 6; i += 1) burst.push(await raiseAlert(monitoring));
    const deliveries = await waitFor(async () => {
      const rows = await monitoring.query<{ state: string; attempts: number; log: string[] }>(
        `SELECT d.state, d.attempts, array_agg(a.outcome ORDER BY a.id) AS log
           FROM alert_delivery d JOIN alert_delivery_attempt a ON a.delivery_id = d.id
          WHERE d.alert_id = ANY($1) GROUP BY d.id`,
        [burst],
      );
      return rows.length === burst.length && rows.every((d) => d.state !== 'pending') && rows;
    }, PATIENTLY);

    expect(hook.seen.opened).toBe(true);
    expect(hook.seen.mostOpenAtOnce).toBe(3);
    expect(deliveries).toEqual(burst.map(() => ({ state: 'delivered', attempts: 1, log: ['delivered'] })));
    for (const id of burst) expect(hook.seen.bodies.filter((body) => body.includes(id))).toHaveLength(1);
  });
});

describe('an address the mail server refuses', () => {
  const unknown = 'retired.user@minpromtorg.test';
  const addresses = ['d.orlova@minpromtorg.test', 'e.kuznetsov@minpromtorg.test', 'f.smirnova@minpromtorg.test'];
  let monitoring: MonitoringTestApp;
  let smtp: Awaited<ReturnType<typeof startLatchedSmtp>>;

  beforeAll(async () => {
    smtp = await startLatchedSmtp(3, unknown);
    monitoring = await startMonitoring({
      SMTP_URL: smtp.url,
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_MAX_ATTEMPTS: '2',
      DELIVERY_DESTINATION_CONCURRENCY: '3',
      // Long enough that a message held alone cannot time out before the test gives up.
      DELIVERY_TIMEOUT_MS: '60000',
    });
  });

  afterAll(async () => {
    await monitoring.close();
    await smtp.close();
  });

  function deliveries(alertIds: string[]) {
    return monitoring.query<{ recipient: string; state: string; attempts: number; log: string[] }>(
      `SELECT d.recipient, d.state, d.attempts, array_agg(a.outcome || ': ' || a.detail ORDER BY a.id) AS log
         FROM alert_delivery d JOIN alert_delivery_attempt a ON a.delivery_id = d.id
        WHERE d.alert_id = ANY($1) GROUP BY d.id`,
      [alertIds],
    );
  }

  it('fails alone: the mail server goes on taking the other addresses several at once', async () => {
    const subscriber = await monitoring.http('admin', { userId: 'u-admin-2' });
    await subscriber
      .post('/subscriptions/email')
      .send({ email: unknown, ...budgetOnly })
      .expect(201);
    // The mail server's latest answer is a refused recipient.
    const refused = await raiseAlert(monitoring);
    const [alone] = await waitFor(async () => {
      const rows = await deliveries([refused]);
      return rows.length === 1 && rows[0].state === 'failed' && rows;
    }, PATIENTLY);
    expect(alone).toMatchObject({ recipient: unknown, attempts: 2 });
    for (const entry of alone.log) expect(entry).toMatch(/^failed: the mail server refused the recipient: .*550/);

    for (const email of addresses)
      await subscriber
        .post('/subscriptions/email')
        .send({ email, ...budgetOnly })
        .expect(201);
    // Held until three are taken at once: one at a time, the first would wait out the whole deadline.
    smtp.seen.armed = true;
    const burst = [await raiseAlert(monitoring), await raiseAlert(monitoring)];
    const rows = await waitFor(async () => {
      const found = await deliveries(burst);
      return found.length === burst.length * 4 && found.every((d) => d.state !== 'pending') && found;
    }, PATIENTLY);

    expect(smtp.seen.opened).toBe(true);
    expect(smtp.seen.mostOpenAtOnce).toBe(3);
    expect(smtp.seen.refused).toBe(2 + burst.length * 2);
    const good = rows.filter((d) => d.recipient !== unknown);
    expect(good).toEqual(
      good.map((d) => ({ ...d, state: 'delivered', attempts: 1, log: [expect.stringMatching(/^delivered: /)] })),
    );
    expect(rows.filter((d) => d.recipient === unknown).map((d) => [d.state, d.attempts])).toEqual(
      burst.map(() => ['failed', 2]),
    );
    for (const alertId of burst)
      expect(
        smtp.seen.mails
          .filter((mail) => mail.alertId === alertId)
          .map((mail) => mail.to)
          .sort(),
      ).toEqual([...addresses].sort());
  });
});
