import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every decision on a report looks up (and locks) the claims that cite it. */
export class IndexClaimReports1764400800000 implements MigrationInterface {
  name = 'IndexClaimReports1764400800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX claim_report_ids ON claim USING gin (report_ids)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX claim_report_ids`);
  }
}
