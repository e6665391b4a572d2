import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway publishes each account's access (UserAccessChanged) with every
 * change of it; `access_version` counts those publications (the event's
 * `version`), 0 for an account never published. Every account there is
 * starts at 0, and the first gateway to start announces them all once
 * (UserAccessAnnouncement).
 *
 * The outbox comes with MESSAGING_MIGRATIONS. During a rolling update,
 * instances of the previous version publish nothing: an account they create
 * is announced at the next start of a gateway, but a change they make to an
 * account already announced goes unpublished until its next change.
 */
export class UserAccessEvents1764402700000 implements MigrationInterface {
  name = 'UserAccessEvents1764402700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN access_version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN access_version`);
  }
}
