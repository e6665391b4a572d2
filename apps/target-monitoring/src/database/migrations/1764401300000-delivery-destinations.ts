import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries are given slots per destination: a webhook's URL, or the mail
 * server for every e-mail whatever the address (`mail-server`). The
 * destination is a stored column, computed here only, so that the claim
 * finds the destinations with deliveries queued (a skip scan), and each one's due
 * and leased deliveries, by index; the index by recipient it replaces served
 * the one-per-recipient claim. Deliveries are found by subscription too, to
 * fail those queued when it goes.
 *
 * alert_delivery_destination says whether each destination worked at its
 * latest attempt (delivered, or an e-mail whose recipient alone the mail
 * server refused): only such a destination is given several deliveries at
 * once, so one that stops answering is back to one slot after its first
 * failed attempt. Derived from attempts, so the rebuild does not copy it; a
 * destination not listed gets one delivery at a time until it works.
 */
export class DeliveryDestinations1764401300000 implements MigrationInterface {
  name = 'DeliveryDestinations1764401300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE alert_delivery ADD COLUMN destination text NOT NULL
        GENERATED ALWAYS AS (CASE channel WHEN 'email' THEN 'mail-server' ELSE recipient END) STORED`);
    // The claim's next due deliveries of a destination.
    await queryRunner.query(
      `CREATE INDEX alert_delivery_pending_destination ON alert_delivery (channel, destination, next_attempt_at)
        WHERE state = 'pending'`,
    );
    // A destination's deliveries in flight: only leased rows, a handful whatever the queue.
    await queryRunner.query(
      `CREATE INDEX alert_delivery_leased_destination ON alert_delivery (channel, destination, leased_until)
        WHERE state = 'pending' AND leased_until IS NOT NULL`,
    );
    // A subscription's queued deliveries, failed when it is deactivated or deleted.
    await queryRunner.query(
      `CREATE INDEX alert_delivery_pending_subscription ON alert_delivery (subscription_id) WHERE state = 'pending'`,
    );
    await queryRunner.query(`DROP INDEX alert_delivery_pending_recipient`);
    await queryRunner.query(`
      CREATE TABLE alert_delivery_destination (
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        destination text NOT NULL,
        healthy boolean NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        PRIMARY KEY (channel, destination)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alert_delivery_destination`);
    await queryRunner.query(`DROP INDEX alert_delivery_pending_subscription`);
    await queryRunner.query(
      `CREATE INDEX alert_delivery_pending_recipient ON alert_delivery (channel, recipient, next_attempt_at)
        WHERE state = 'pending'`,
    );
    // Dropping the column drops its indexes.
    await queryRunner.query(`ALTER TABLE alert_delivery DROP COLUMN destination`);
  }
}
