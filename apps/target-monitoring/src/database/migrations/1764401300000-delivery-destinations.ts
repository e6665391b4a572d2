import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the latest attempt to each destination (a webhook endpoint, or the
 * mail server for every e-mail) was delivered: the delivery claim gives only
 * such a destination several deliveries at once, so one that stops answering
 * is back to one slot after its first failed attempt. Derived from attempts,
 * so the rebuild does not copy it; a destination not listed gets one delivery
 * at a time until one succeeds.
 */
export class DeliveryDestinations1764401300000 implements MigrationInterface {
  name = 'DeliveryDestinations1764401300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert_delivery_destination (
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        destination text NOT NULL,
        delivered boolean NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        PRIMARY KEY (channel, destination)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alert_delivery_destination`);
  }
}
