import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ConsumerEnvironment } from '@redmet/messaging';
import { IsCronExpression } from '@redmet/platform';

/** The service's consumer group; KAFKA_CONSUMER_GROUP (messaging library) overrides it. */
export const DEFAULT_CONSUMER_GROUP = 'target-monitoring';

export class MonitoringEnvironment extends ConsumerEnvironment {
  /**
   * False while rebuilding projections from Kafka: rules are not judged, and
   * nothing is evaluated, escalated, delivered or streamed.
   */
  @IsBoolean()
  ALERTS_ENABLED = true;

  /** How often the programme-wide rules (targets, import dependence, trade check) are re-evaluated when inputs changed. */
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  ALERT_EVALUATION_INTERVAL_MS = 5000;

  /** Programme-wide rules and licences nearing their end are re-judged at least this often (the date moves on). */
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  ALERT_SWEEP_INTERVAL_MS = 300_000;

  /** A critical alert still unacknowledged after this long is escalated, once per critical spell. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  ESCALATION_AFTER_MINUTES = 60;

  /** Cron expression (server time zone) of the escalation check. */
  @IsCronExpression()
  ESCALATION_CHECK_CRON = '0 * * * * *';

  /** SMTP server for alert e-mails, e.g. smtp://user:pass@mail.example:587; empty turns e-mail off. */
  @IsOptional()
  @Matches(/^(smtps?:\/\/\S+)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = '';

  @Matches(/^.{3,300}$/, { message: 'MAIL_FROM must be a sender address' })
  MAIL_FROM = 'Redmet monitoring <monitoring@redmet.local>';

  /** Where people open an alert: e-mails link to `<CONSOLE_URL>/alerts/<id>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'CONSOLE_URL must be an http(s) URL' })
  CONSOLE_URL = 'http://127.0.0.1:3000';

  /**
   * File of the keys sealing webhook signing secrets at rest, a `<id>:<base64 key>` a line, the sealing
   * one first (deploy/auth/generate-webhook-keys.mjs); empty: a development key, refused in production.
   */
  @Matches(/^\S*$/, { message: 'WEBHOOK_SECRET_KEYS_FILE must be a file path' })
  WEBHOOK_SECRET_KEYS_FILE = '';

  /** How long a webhook's previous signing secret still signs beside a new one, unless the rotation says otherwise. */
  @IsInt()
  @Min(0)
  @Max(168)
  WEBHOOK_SECRET_OVERLAP_HOURS = 24;

  /** Attempts at one e-mail or webhook delivery before it is logged as failed. */
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_MAX_ATTEMPTS = 5;

  /** First retry delay of a delivery; doubles with each attempt, up to DELIVERY_MAX_BACKOFF_MS. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_RETRY_BACKOFF_MS = 5000;

  /**
   * Longest wait before a delivery is retried: the doubling stops there, so that with many attempts
   * allowed, a receiver that is back up does not wait days for what it missed.
   */
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  DELIVERY_MAX_BACKOFF_MS = 15 * 60_000;

  /** Longest one attempt may take (connect, send, answer). */
  @IsInt()
  @Min(100)
  @Max(120_000)
  DELIVERY_TIMEOUT_MS = 10_000;

  /** Deliveries attempted at once per instance; a slow endpoint occupies one slot, not the queue. */
  @IsInt()
  @Min(1)
  @Max(200)
  DELIVERY_CONCURRENCY = 8;

  /**
   * Deliveries in flight at once to one destination (a webhook endpoint, or the mail server for every
   * e-mail) whose latest attempt succeeded; any other destination gets one at a time.
   */
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_DESTINATION_CONCURRENCY = 4;

  /** Fallback polling of the delivery queue and the alert stream when no NOTIFY arrives. */
  @IsInt()
  @Min(20)
  @Max(60_000)
  DELIVERY_POLL_INTERVAL_MS = 1000;

  /** Comment lines on the SSE stream keep proxies from closing an idle connection. */
  @IsInt()
  @Min(1000)
  @Max(300_000)
  SSE_HEARTBEAT_MS = 15_000;

  /** Largest trade-statistics upload accepted, a CSV file or a JSON body. */
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  TRADE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
}

export const MONITORING_DEFAULTS: Partial<MonitoringEnvironment> = {
  PORT: 3004,
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/redmet_monitoring',
  // Every partition of the report topic at once: its events are projected in groups of up to this many.
  KAFKA_PARTITIONS_CONCURRENTLY: 12,
  DATABASE_POOL_SIZE: 16,
};
