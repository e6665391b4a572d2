import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A clawback demand can now come down (ClaimClawbackReduced), so the demand
 * shown is the one of the newest claim version that states it, not the
 * largest seen. Rows from before have none: the next clawback event of the
 * claim sets it. A previous version still consuming during a rolling update
 * ignores reductions; a rebuild puts such a demand right.
 */
export class ClaimClawbackVersion1764401200000 implements MigrationInterface {
  name = 'ClaimClawbackVersion1764401200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_claim ADD COLUMN clawback_version int`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_claim DROP COLUMN clawback_version`);
  }
}
