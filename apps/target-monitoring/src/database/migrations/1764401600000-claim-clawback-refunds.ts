import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A clawback can now be refunded (ClaimClawbackRefunded), so what a claim
 * gave back is repaid − refunded. Both totals only grow, so each is kept as
 * the largest seen, whatever order the events come in; the net cannot be,
 * and is written from them. Until now `clawed_back_kopecks` held the
 * largest repaid total, so that is where the repaid column starts.
 */
export class ClaimClawbackRefunds1764401600000 implements MigrationInterface {
  name = 'ClaimClawbackRefunds1764401600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE subsidy_claim
        ADD COLUMN clawback_repaid_kopecks bigint,
        ADD COLUMN clawback_refunded_kopecks bigint`);
    await queryRunner.query(`UPDATE subsidy_claim SET clawback_repaid_kopecks = clawed_back_kopecks`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE subsidy_claim SET clawed_back_kopecks = clawback_repaid_kopecks`);
    await queryRunner.query(`
      ALTER TABLE subsidy_claim
        DROP COLUMN clawback_refunded_kopecks,
        DROP COLUMN clawback_repaid_kopecks`);
  }
}
