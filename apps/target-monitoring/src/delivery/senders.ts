import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AlertRaised } from '@redmet/contracts';
import type { AlertPayload } from '../alerts/alert-row';
import { MonitoringEnvironment } from '../monitoring.environment';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** What is sent about one change of one alert. */
export interface Notice {
  deliveryId: string;
  eventType: string;
  occurredAt: string;
  alert: AlertPayload;
}

const VERB: Record<string, string> = {
  AlertRaised: 'raised',
  AlertSeverityRaised: 'WORSENED',
  AlertEscalated: 'ESCALATED (unacknowledged)',
  AlertAcknowledged: 'acknowledged',
  AlertResolved: 'resolved',
};

function verbOf({ eventType, alert }: Pick<Notice, 'eventType' | 'alert'>): string {
  const verb = VERB[eventType] ?? eventType;
  return alert.previousSeverity ? `${verb} (was ${alert.previousSeverity})` : verb;
}

/**
 * A raise is the news itself; any later change says what it is, or staff take
 * an escalation for the same alert firing twice.
 */
function subjectOf({ eventType, alert }: Pick<Notice, 'eventType' | 'alert'>): string {
  const severity = `[${alert.severity.toUpperCase()}]`;
  if (eventType === AlertRaised.type) return `${severity} ${alert.title}`;
  return `${severity} Alert ${verbOf({ eventType, alert })}: ${alert.title}`;
}

@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly environment: MonitoringEnvironment) {}

  /** Throws RecipientRefused when the mail server answers but will not take `to`. */
  async send(to: string, notice: Notice, deadline: AbortSignal): Promise<string> {
    const link = `${this.environment.CONSOLE_URL.replace(/\/$/, '')}/alerts/${notice.alert.alertId}`;
    const sending = this.transporter().sendMail({
      from: this.environment.MAIL_FROM,
      to,
      subject: subjectOf(notice),
      text: [
        `Alert ${verbOf(notice)}: ${notice.alert.title}`,
        `Severity: ${notice.alert.severity}`,
        `Rule: ${notice.alert.ruleId}, subject: ${notice.alert.subject}`,
        `Raised at: ${notice.alert.raisedAt}`,
        '',
        notice.alert.message,
        '',
        `Open in the console: ${link}`,
      ].join('\n'),
      headers: { 'X-Redmet-Alert': notice.alert.alertId },
      // Aborting closes the connection, so a mail server still trickling answers cannot outlast the lease.
      signal: deadline,
    });
    const info = await sending.catch((error: unknown) => {
      throw refusedRecipient(error) ?? error;
    });
    return `accepted by the mail server: ${info.response ?? info.messageId}`;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    // Past the attempt's deadline, which aborts a hanging step first and names the attempt timed out (equal to
    // it, a step's own timer raced it): these only back the abort up, within the delivery's lease.
    const timeout = this.environment.DELIVERY_TIMEOUT_MS + 1000;
    this.transport ??= createTransport({
      url: this.environment.SMTP_URL,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as Parameters<typeof createTransport>[0]);
    return this.transport;
  }
}

/**
 * The mail server answered but refused the recipient (RCPT TO answered 5xx:
 * no such user, mailbox disabled): this delivery's attempt failed, the server works.
 */
export class RecipientRefused extends Error {}

/**
 * Nodemailer's error when the recipient was refused, as a RecipientRefused;
 * undefined for anything else (connecting, TLS, the greeting, AUTH, MAIL FROM,
 * DATA, timeouts: the server's). A 4xx on RCPT is not taken for the
 * recipient's: it also means the server's own trouble (452: out of storage).
 */
function refusedRecipient(error: unknown): RecipientRefused | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, command, responseCode } = error as { code?: unknown; command?: unknown; responseCode?: unknown };
  const refused =
    code === 'EENVELOPE' && command === 'RCPT TO' && typeof responseCode === 'number' && responseCode >= 500;
  return refused ? new RecipientRefused('the mail server refused the recipient', { cause: error }) : undefined;
}

export class WebhookRefused extends Error {}

@Injectable()
export class WebhookSender {
  /** Signed with each of `secrets`; with none (none opens), not sent: the receiver would refuse it unsigned. */
  async send(url: string, secrets: string[], notice: Notice, deadline: AbortSignal): Promise<string> {
    if (secrets.length === 0) throw new WebhookRefused('no signing secret of the webhook opens (see the log)');
    const body = JSON.stringify(notice);
    const response = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: deadline,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'redmet-target-monitoring',
        'x-redmet-event': notice.eventType,
        'x-redmet-delivery': notice.deliveryId,
        [SIGNATURE_HEADER]: signWebhook(secrets, body, new Date()),
      },
    });
    await response.body?.cancel();
    if (!response.ok) throw new WebhookRefused(`HTTP ${response.status} from the endpoint`);
    return `HTTP ${response.status}`;
  }
}
