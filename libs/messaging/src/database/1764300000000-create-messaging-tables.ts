import type { MigrationInterface, QueryRunner } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox_message_inserted';

/** Outbox and inbox tables; every service that publishes or consumes events runs this first. */
export class CreateMessagingTables1764300000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL,
        -- clock_timestamp, not now(): the moment the row is written, not when its transaction began.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_message_published_at ON outbox_message (published_at) WHERE published_at IS NOT NULL`,
    );
    // Statement-level, so a transaction that writes many events wakes the relay once, at commit.
    await queryRunner.query(`
      CREATE FUNCTION notify_outbox_message_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_message_inserted AFTER INSERT ON outbox_message
      FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_message_inserted()`);
    await queryRunner.query(`
      CREATE TABLE processed_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_event`);
    await queryRunner.query(`DROP TRIGGER outbox_message_inserted ON outbox_message`);
    await queryRunner.query(`DROP FUNCTION notify_outbox_message_inserted()`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
