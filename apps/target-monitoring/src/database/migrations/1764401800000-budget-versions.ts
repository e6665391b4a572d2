import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The count of a budget's changes its events now carry (BudgetFigures.budgetVersion):
 * the figures are ordered by it where both sides have one, by time otherwise
 * (rows and events from before it). Null until the year's first counted event.
 */
export class BudgetVersions1764401800000 implements MigrationInterface {
  name = 'BudgetVersions1764401800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_budget ADD COLUMN budget_version bigint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_budget DROP COLUMN budget_version`);
  }
}
