import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery claim leases at most one delivery per recipient: it looks up
 * whether a recipient has one in flight and takes its next due one.
 */
export class IndexPendingDeliveriesByRecipient1764400900000 implements MigrationInterface {
  name = 'IndexPendingDeliveriesByRecipient1764400900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX alert_delivery_pending_recipient ON alert_delivery (channel, recipient, next_attempt_at)
        WHERE state = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX alert_delivery_pending_recipient`);
  }
}
