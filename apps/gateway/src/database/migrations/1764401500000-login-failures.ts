import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are counted per username, for names no account has as for
 * accounts, so that a lock-out does not reveal which names exist. Locks in
 * force carry over; runs of failures not yet locked start again, as if the
 * last failure had been more than LOGIN_LOCKOUT_SECONDS ago. `app_user`'s
 * `failed_logins` and `locked_until` stay for the previous version during a
 * rolling update (it still reads and writes them); the next release drops them.
 */
export class LoginFailures1764401500000 implements MigrationInterface {
  name = 'LoginFailures1764401500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failure (
        username_hash text PRIMARY KEY,
        failures int NOT NULL,
        locked_until timestamptz,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX login_failure_expires ON login_failure (expires_at)`);
    await queryRunner.query(`
      INSERT INTO login_failure (username_hash, failures, locked_until, expires_at)
      SELECT encode(sha256(convert_to(username, 'UTF8')), 'hex'), 0, locked_until, locked_until
        FROM app_user WHERE locked_until > now()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE app_user SET failed_logins = 0, locked_until = failure.locked_until
        FROM login_failure failure
       WHERE failure.username_hash = encode(sha256(convert_to(app_user.username, 'UTF8')), 'hex')
         AND failure.locked_until > now()`);
    await queryRunner.query(`DROP TABLE login_failure`);
  }
}
