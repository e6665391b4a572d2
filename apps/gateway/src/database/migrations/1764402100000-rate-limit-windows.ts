import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits counted in the database, so that every gateway instance counts
 * a client's requests together. Unlogged: the counts live a couple of minutes,
 * and losing them in a crash only forgives a minute's requests, while the
 * table takes frequent small writes.
 *
 * Only a new table: safe during a rolling update. Instances of the previous
 * version go on counting in their own memory until they stop.
 */
export class RateLimitWindows1764402100000 implements MigrationInterface {
  name = 'RateLimitWindows1764402100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_window (
        scope text NOT NULL,
        client text NOT NULL,
        window_start timestamptz NOT NULL,
        hits int NOT NULL,
        last_grant int NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, client, window_start)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_window_expires ON rate_limit_window (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_window`);
  }
}
