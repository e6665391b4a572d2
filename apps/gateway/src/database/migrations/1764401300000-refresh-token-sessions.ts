import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens belong to a session that ends for good `AUTH_SESSION_MAX_SECONDS`
 * after its login, however often it is refreshed, and a spent token is kept
 * (marked) until it expires, so that its reuse — a stolen copy — ends the
 * session. Tokens from before count as sessions of their own, begun when
 * they were issued; the defaults keep the previous version's inserts valid
 * during a rolling update.
 */
export class RefreshTokenSessions1764401300000 implements MigrationInterface {
  name = 'RefreshTokenSessions1764401300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE refresh_token
        ADD COLUMN session_id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN session_started_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN spent_at timestamptz`);
    await queryRunner.query(`UPDATE refresh_token SET session_started_at = created_at`);
    await queryRunner.query(`CREATE INDEX refresh_token_session ON refresh_token (session_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM refresh_token WHERE spent_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX refresh_token_session`);
    await queryRunner.query(
      `ALTER TABLE refresh_token DROP COLUMN session_id, DROP COLUMN session_started_at, DROP COLUMN spent_at`,
    );
  }
}
