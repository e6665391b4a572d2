import type { MigrationInterface, QueryRunner } from 'typeorm';

export const ALERT_CHANNEL = 'monitoring_alert_event';

/**
 * Alerts with their history (every raise, acknowledgement, escalation and
 * resolution), silences, subscriptions and the delivery queue with its log.
 */
export class CreateAlerts1764400500000 implements MigrationInterface {
  name = 'CreateAlerts1764400500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert (
        alert_id uuid PRIMARY KEY,
        rule_id text NOT NULL,
        subject text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        state text NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
        title text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by jsonb,
        acknowledgement_comment text,
        escalated_at timestamptz,
        resolved_at timestamptz,
        silenced boolean NOT NULL DEFAULT false
      )`);
    // No floods: at most one unresolved alert per rule and subject, whatever runs concurrently.
    await queryRunner.query(
      `CREATE UNIQUE INDEX alert_one_unresolved ON alert (rule_id, subject) WHERE state <> 'resolved'`,
    );
    await queryRunner.query(`CREATE INDEX alert_raised ON alert (raised_at DESC)`);
    await queryRunner.query(
      `CREATE INDEX alert_escalation_due ON alert (raised_at) WHERE state = 'open' AND severity = 'critical' AND escalated_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE alert_event (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert (alert_id),
        type text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor jsonb,
        comment text,
        snapshot jsonb NOT NULL,
        silenced boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX alert_event_alert ON alert_event (alert_id, id)`);
    // Wakes the SSE stream and the delivery worker of every instance at commit; polling covers lost notifications.
    await queryRunner.query(`
      CREATE FUNCTION notify_alert_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${ALERT_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER alert_event_inserted AFTER INSERT ON alert_event
      FOR EACH STATEMENT EXECUTE FUNCTION notify_alert_event()`);
    await queryRunner.query(`
      CREATE TABLE silence (
        id uuid PRIMARY KEY,
        rule_id text,
        subject text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text NOT NULL,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (rule_id IS NOT NULL OR subject IS NOT NULL),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX silence_active ON silence (ends_at, starts_at)`);
    await queryRunner.query(`
      CREATE TABLE email_subscription (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        email text NOT NULL,
        min_severity text NOT NULL CHECK (min_severity IN ('info', 'warning', 'critical')),
        rule_ids text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, email)
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_subscription (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        secret text NOT NULL,
        description text NOT NULL,
        min_severity text NOT NULL CHECK (min_severity IN ('info', 'warning', 'critical')),
        rule_ids text[],
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE alert_delivery (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alert (alert_id),
        alert_event_id bigint NOT NULL REFERENCES alert_event (id),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        subscription_id uuid NOT NULL,
        recipient text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE state = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX alert_delivery_alert ON alert_delivery (alert_id)`);
    await queryRunner.query(`
      CREATE TABLE alert_delivery_attempt (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES alert_delivery (id),
        attempt int NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms int NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        detail text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX alert_delivery_attempt_delivery ON alert_delivery_attempt (delivery_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'alert_delivery_attempt',
      'alert_delivery',
      'webhook_subscription',
      'email_subscription',
      'silence',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER alert_event_inserted ON alert_event`);
    await queryRunner.query(`DROP FUNCTION notify_alert_event()`);
    await queryRunner.query(`DROP TABLE alert_event`);
    await queryRunner.query(`DROP TABLE alert`);
  }
}
