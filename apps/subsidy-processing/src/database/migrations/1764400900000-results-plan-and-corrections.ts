import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results reports keep the raw shortfall instead of a k: each claim applies
 * the multiplier of its own programme version. The plan may be missing (a
 * producer reports only what it achieved; an officer sets the plan), and
 * officers' corrections keep the figures they replaced.
 */
export class ResultsPlanAndCorrections1764400900000 implements MigrationInterface {
  name = 'ResultsPlanAndCorrections1764400900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE results_report
        ALTER COLUMN planned DROP NOT NULL,
        ADD COLUMN shortfall numeric CHECK (shortfall BETWEEN 0 AND 1),
        ADD COLUMN corrections jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`
      UPDATE results_report
         SET shortfall = CASE WHEN actual >= planned THEN 0 ELSE trim_scale(trunc(1 - actual / planned, 6)) END`);
    await queryRunner.query(`
      ALTER TABLE results_report
        DROP COLUMN coefficient,
        ADD CONSTRAINT results_report_shortfall_with_plan CHECK ((planned IS NULL) = (shortfall IS NULL))`);
  }

  /**
   * Fails while a report awaits its plan: the old table cannot hold one. Loses
   * the corrections' history, and sets the old k to the raw shortfall, which is
   * right only for programme versions with multiplier 1.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE results_report
        DROP CONSTRAINT results_report_shortfall_with_plan,
        ALTER COLUMN planned SET NOT NULL,
        ADD COLUMN coefficient numeric CHECK (coefficient BETWEEN 0 AND 1)`);
    await queryRunner.query(`UPDATE results_report SET coefficient = shortfall`);
    await queryRunner.query(`
      ALTER TABLE results_report
        ALTER COLUMN coefficient SET NOT NULL,
        DROP COLUMN shortfall,
        DROP COLUMN corrections`);
  }
}
