import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every service's store of Idempotency-Key answers; each lists this migration in its schema. */
export class CreateIdempotentRequests1764500000000 implements MigrationInterface {
  name = 'CreateIdempotentRequests1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotent_request (
        caller text NOT NULL,
        idempotency_key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        body_digest text NOT NULL,
        claim_id uuid NOT NULL,
        claimed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status int,
        headers jsonb,
        body text,
        PRIMARY KEY (caller, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotent_request_expires_at ON idempotent_request (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotent_request`);
  }
}
