import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget events carry the count of their year's changes, so that a reader
 * orders them by it rather than by the clock of whichever instance wrote them.
 * Existing rows start from 0, before any change the new code makes. During a
 * rolling update the previous version changes the row without counting, and
 * its events carry no count: readers order those by time, as before.
 */
export class BudgetVersions1764402000000 implements MigrationInterface {
  name = 'BudgetVersions1764402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programme ADD COLUMN budget_version bigint NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE programme DROP COLUMN budget_version`);
  }
}
