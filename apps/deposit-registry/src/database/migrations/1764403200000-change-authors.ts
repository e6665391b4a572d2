import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORDS = ['company', 'deposit', 'product', 'licence', 'facility'];
const HISTORIES = ['licence_status_change', 'facility_status_change'];

/**
 * Who made each change: on every record who registered it and who last changed it, on every status-history
 * row who made that change, each an `Actor` (`{userId, name}`; userId `system` for the registry itself).
 * Rows written before this migration keep NULL: the registry did not record it then.
 */
export class ChangeAuthors1764403200000 implements MigrationInterface {
  name = 'ChangeAuthors1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of RECORDS) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN created_by jsonb, ADD COLUMN updated_by jsonb`);
    }
    for (const table of HISTORIES) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN changed_by jsonb`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of HISTORIES) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN changed_by`);
    }
    for (const table of RECORDS) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN created_by, DROP COLUMN updated_by`);
    }
  }
}
