// Operator-facing meanings for settings whose doc comment is missing or written for
// developers. A setting with neither stops the generator, so a new one gets documented.
export const MEANINGS: Record<string, string> = {
  NODE_ENV: 'development, test or production (the images set production)',
  PORT: 'HTTP port (the images listen on 8080)',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent',
  DATABASE_URL: "the service's own PostgreSQL database, postgres://user:password@host:5432/database",
  DATABASE_POOL_SIZE: 'database connections per instance (the relay holds one more while it publishes)',
  DATABASE_MIGRATIONS_RUN:
    'run pending migrations at start; keep false wherever more than one instance may start at once and run the migration command instead',
  AUTH_JWKS:
    "comma-separated JWKS files or URLs (https unless their host is loopback) holding the public keys of the gateway's tokens (several keys while one is rotated out; an external OpenID Connect provider goes in AUTH_PROVIDERS)",
  AUTH_AUDIENCE: 'required `aud` claim of tokens',
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'OTLP/HTTP collector for traces, e.g. http://otel-collector:4318; tracing is off when empty',
  KAFKA_BROKERS: 'comma-separated bootstrap brokers, host:port',
  KAFKA_REPLICATION_FACTOR: 'replication of the topics a service creates when they are missing (3 on a cluster)',
  KAFKA_SESSION_TIMEOUT_MS: "consumer session timeout; at least the broker's group.min.session.timeout.ms (6000)",
  OUTBOX_POLL_INTERVAL_MS: 'fallback polling of the outbox; the relay is woken by NOTIFY at once',
  REPORTING_MAX_LINES_PER_REPORT:
    'most lines in one report: its decision event carries every line and, rejected, a reason for each, about 480 bytes a line at the longest, and must fit OUTBOX_EVENT_MAX_BYTES (checked at start; about 2000 lines at the default)',
  KAFKA_MIN_INSYNC_REPLICAS:
    '`min.insync.replicas` of those topics (2 on a cluster), at most `KAFKA_REPLICATION_FACTOR`',
  OUTBOX_RELAY_ENABLED:
    'run the outbox relay in this instance; only the instance holding the database lock publishes, the others stand by',
  OUTBOX_BATCH_SIZE: 'outbox rows per Kafka batch',
  OUTBOX_RETENTION_DAYS: 'how long published outbox rows are kept for inspection',
  CONSUMER_RETRY_BACKOFF_MS: 'first retry delay of a failing event handler, doubling with each attempt',
  KAFKA_CONSUMER_GROUP:
    "the service's consumer group, also its inbox name; change it only to rebuild read models from the start of the topics",
  AUTH_REFRESH_TTL_SECONDS: 'lifetime of a refresh token: a session not refreshed for this long ends',
  LOGIN_LOCKOUT_SECONDS:
    'how long a username stays locked after LOGIN_MAX_FAILURES failed logins from one address (at that address) or LOGIN_MAX_FAILURES_ALL_ADDRESSES from all (everywhere), and how long a run of failures is remembered after its last one',
  LOGIN_RATE_LIMIT_PER_MINUTE:
    'login and refresh attempts per client address (an IPv6 client by its /64) per minute, all gateway instances together',
  API_RATE_LIMIT_PER_MINUTE:
    'requests per client address (an IPv6 client by its /64) per minute through the gateway, all instances together',
  CONSOLE_DIR: "the console's built files, served at `/` when present (the gateway image carries them)",
  REGISTRY_URL: 'where the gateway reaches deposit-registry',
  REPORTING_URL: 'where the gateway reaches production-reporting',
  SUBSIDY_URL: 'where the gateway reaches subsidy-processing',
  MONITORING_URL: 'where the gateway reaches target-monitoring',
  REPORTING_DEADLINE_CHECK_CRON:
    'when reminders and missed deadlines are checked (cron with seconds, container time zone)',
  REPORTING_PENDING_CHECK_CRON:
    'when reports waiting for registry data are re-checked (cron with seconds, container time zone)',
  MAIL_FROM: 'sender of alert e-mails',
};
