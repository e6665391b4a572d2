import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's access as the gateway last published it (`gateway.user.v1`),
 * so that e-mail subscriptions stop when their maker is disabled or loses
 * the roles that act on alerts. Accounts not yet published have no row.
 */
export class UserAccess1764402800000 implements MigrationInterface {
  name = 'UserAccess1764402800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_access (
        user_id text PRIMARY KEY,
        roles text[] NOT NULL,
        disabled boolean NOT NULL,
        version integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_access`);
  }
}
