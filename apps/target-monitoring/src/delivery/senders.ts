import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { MonitoringEnvironment } from '../monitoring.environment';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** What is sent about one change of one alert. */
export interface Notice {
  deliveryId: string;
  eventType: string;
  occurredAt: string;
  alert: {
    alertId: string;
    ruleId: string;
    subject: string;
    severity: string;
    state: string;
    title: string;
    message: string;
    raisedAt: string;
  };
}

const VERB: Record<string, string> = {
  AlertRaised: 'raised',
  AlertEscalated: 'ESCALATED (unacknowledged)',
  AlertAcknowledged: 'acknowledged',
  AlertResolved: 'resolved',
};

@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly environment: MonitoringEnvironment) {}

  async send(to: string, notice: Notice, deadline: AbortSignal): Promise<string> {
    const link = `${this.environment.CONSOLE_URL.replace(/\/$/, '')}/alerts/${notice.alert.alertId}`;
    const info = await this.transporter().sendMail({
      from: this.environment.MAIL_FROM,
      to,
      subject: `[${notice.alert.severity.toUpperCase()}] ${notice.alert.title}`,
      text: [
        `Alert ${VERB[notice.eventType] ?? notice.eventType}: ${notice.alert.title}`,
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
    return `accepted by the mail server: ${info.response ?? info.messageId}`;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    const timeout = this.environment.DELIVERY_TIMEOUT_MS;
    this.transport ??= createTransport({
      url: this.environment.SMTP_URL,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as Parameters<typeof createTransport>[0]);
    return this.transport;
  }
}

export class WebhookRefused extends Error {}

@Injectable()
export class WebhookSender {
  async send(url: string, secret: string, notice: Notice, deadline: AbortSignal): Promise<string> {
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
        [SIGNATURE_HEADER]: signWebhook(secret, body, new Date()),
      },
    });
    await response.body?.cancel();
    if (!response.ok) throw new WebhookRefused(`HTTP ${response.status} from the endpoint`);
    return `HTTP ${response.status}`;
  }
}
