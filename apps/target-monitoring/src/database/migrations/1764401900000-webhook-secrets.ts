import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's signing secrets, sealed (see secret-sealing.ts), several at a
 * time while a rotation overlaps: each signs until it is retired. The
 * secrets kept in plain text in webhook_subscription.secret are sealed into
 * this table by the service at start (the key is its configuration, not the
 * database's), which then empties that column. A webhook's deactivation
 * records who made it and when.
 */
export class WebhookSecrets1764401900000 implements MigrationInterface {
  name = 'WebhookSecrets1764401900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_secret (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscription (id),
        sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        retired_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX webhook_secret_subscription ON webhook_secret (subscription_id, created_at)`);
    await queryRunner.query(`ALTER TABLE webhook_subscription ALTER COLUMN secret DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE webhook_subscription ADD COLUMN deactivated_at timestamptz, ADD COLUMN deactivated_by text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The sealed secrets cannot be opened here, without the service's key: their webhooks are deactivated.
    await queryRunner.query(`UPDATE webhook_subscription SET active = false, secret = '' WHERE secret IS NULL`);
    await queryRunner.query(`ALTER TABLE webhook_subscription ALTER COLUMN secret SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE webhook_subscription DROP COLUMN deactivated_at, DROP COLUMN deactivated_by`);
    await queryRunner.query(`DROP TABLE webhook_secret`);
  }
}
