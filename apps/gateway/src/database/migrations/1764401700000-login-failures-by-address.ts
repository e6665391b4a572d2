import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are counted per username and client address too, so that
 * failing on purpose at a name locks it at the failing address only;
 * `login_failure` goes on counting the name at all addresses, against a
 * higher limit, and addresses the account signed in from recently keep their
 * own tries when that limit locks the name.
 *
 * Only new tables: safe during a rolling update. Instances of the previous
 * version neither read nor write them, and go on counting in `login_failure`
 * with LOGIN_MAX_FAILURES as its limit, so until the last of them stops, a
 * name may still be locked at every address after LOGIN_MAX_FAILURES
 * failures, as before, and the new instances honour such locks (as locks at
 * every address; no address is known yet). Locks in force carry over the
 * same way. A rollback drops the tables: runs per address start again.
 */
export class LoginFailuresByAddress1764401700000 implements MigrationInterface {
  name = 'LoginFailuresByAddress1764401700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failure_by_address (
        username_hash text NOT NULL,
        address text NOT NULL,
        failures int NOT NULL,
        locked_until timestamptz,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (username_hash, address)
      )`);
    await queryRunner.query(`CREATE INDEX login_failure_by_address_expires ON login_failure_by_address (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE login_known_address (
        username_hash text NOT NULL,
        address text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (username_hash, address)
      )`);
    await queryRunner.query(`CREATE INDEX login_known_address_expires ON login_known_address (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_known_address`);
    await queryRunner.query(`DROP TABLE login_failure_by_address`);
  }
}
