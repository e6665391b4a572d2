import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reports each claim version cites: a returned claim may be edited to cite others, and its
 * effectiveness as of a past day splits the money by the reports it cited then. Versions kept before
 * take the reports the claim cites now; a rebuild from the topics gives each its own.
 */
export class ClaimVersionReports1764403800000 implements MigrationInterface {
  name = 'ClaimVersionReports1764403800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_claim_version ADD COLUMN report_ids uuid[]`);
    await queryRunner.query(`
      UPDATE subsidy_claim_version v SET report_ids = c.report_ids FROM subsidy_claim c WHERE c.claim_id = v.claim_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_claim_version DROP COLUMN report_ids`);
  }
}
