import type { MigrationInterface, QueryRunner } from 'typeorm';
import { forgetGeneratedColumn, type GeneratedColumn, recordGeneratedColumn } from '@redmet/platform';

/** The expression must stay the one on the `Claim` entity. */
const NEEDS_ANOTHER_OFFICER: GeneratedColumn = {
  table: 'claim',
  column: 'needs_another_officer',
  expression:
    "coalesce(state = 'under_review' AND (assigned_to ->> 'userId' = created_by OR assigned_to ->> 'userId' = ANY (edited_by)), false)",
};

/**
 * A claim whose assignee wrote part of it (an officer who attached a document
 * during review) waits until it is handed on, and nothing in the queue said so.
 * Kept by the database, so the queue filters and pages on it like any column,
 * existing claims included.
 */
export class ClaimsNeedingAnotherOfficer1764401900000 implements MigrationInterface {
  name = 'ClaimsNeedingAnotherOfficer1764401900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim
        ADD COLUMN needs_another_officer boolean NOT NULL GENERATED ALWAYS AS (${NEEDS_ANOTHER_OFFICER.expression}) STORED`);
    await recordGeneratedColumn(queryRunner, NEEDS_ANOTHER_OFFICER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await forgetGeneratedColumn(queryRunner, NEEDS_ANOTHER_OFFICER);
    await queryRunner.query(`ALTER TABLE claim DROP COLUMN needs_another_officer`);
  }
}
