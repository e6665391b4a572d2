import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { freePort } from '@redmet/testing';
import type { MonitoringEnvironment } from '../monitoring.environment';
import { EmailSender, type Notice, RecipientRefused } from './senders';

const notice: Notice = {
  deliveryId: 'd-1',
  eventType: 'AlertRaised',
  occurredAt: '2026-05-01T00:00:00Z',
  alert: {
    alertId: 'a-1',
    ruleId: 'subsidy.budget_utilisation',
    subject: 'budget:2026',
    severity: 'critical',
    state: 'open',
    title: 'Budget 95% used',
    message: 'm',
    raisedAt: '2026-05-01T00:00:00Z',
  },
};

/** A relay answering MAIL FROM and RCPT TO of the given addresses with the given replies. */
async function startRelay(refuse: { from?: Record<string, number>; to?: Record<string, number> }) {
  const refusal = (code: number | undefined) =>
    code === undefined ? undefined : Object.assign(new Error('refused'), { responseCode: code });
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom: (address, _session, callback) => callback(refusal(refuse.from?.[address.address])),
    onRcptTo: (address, _session, callback) => callback(refusal(refuse.to?.[address.address])),
    onData: (stream, _session, callback) => stream.on('end', () => callback()).resume(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}

function sender(url: string, from = 'monitoring@redmet.test') {
  const environment = { SMTP_URL: url, MAIL_FROM: from, CONSOLE_URL: 'http://console.test', DELIVERY_TIMEOUT_MS: 5000 };
  return new EmailSender(environment as MonitoringEnvironment);
}

// Only a refused recipient is the address's fault; everything else is the mail server's.
describe('e-mail sender failures', () => {
  let relay: Awaited<ReturnType<typeof startRelay>>;

  beforeAll(async () => {
    relay = await startRelay({
      from: { 'blocked@redmet.test': 550 },
      to: { 'gone@minpromtorg.test': 550, 'later@minpromtorg.test': 452 },
    });
  });

  afterAll(() => new Promise<void>((resolve) => relay.server.close(() => resolve())));

  const send = (to: string, from?: string) => {
    const mail = sender(relay.url, from);
    return mail.send(to, notice, AbortSignal.timeout(5000)).finally(() => mail.onApplicationShutdown());
  };

  it("a recipient refused with 5xx at RCPT TO is the recipient's", async () => {
    const failure = await send('gone@minpromtorg.test').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RecipientRefused);
    expect((failure as Error).message).toBe('the mail server refused the recipient');
    expect(((failure as Error).cause as Error).message).toMatch(/550/);
  });

  it("a 4xx at RCPT TO, a refused sender or a refused connection is the server's", async () => {
    const nobody = `smtp://127.0.0.1:${await freePort()}`;
    const failures = [];
    for (const failing of [
      () => send('later@minpromtorg.test'),
      () => send('a.petrov@minpromtorg.test', 'blocked@redmet.test'),
      () => sender(nobody).send('a.petrov@minpromtorg.test', notice, AbortSignal.timeout(5000)),
    ])
      failures.push(await failing().catch((error: unknown) => error));
    expect(failures).toEqual([
      expect.objectContaining({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452 }),
      expect.objectContaining({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550 }),
      expect.objectContaining({ code: 'ESOCKET', command: 'CONN' }),
    ]);
    for (const failure of failures) expect(failure).not.toBeInstanceOf(RecipientRefused);
  });

  it('an accepted recipient is sent', async () => {
    await expect(send('a.petrov@minpromtorg.test')).resolves.toMatch(/^accepted by the mail server: 250/);
  });
});
