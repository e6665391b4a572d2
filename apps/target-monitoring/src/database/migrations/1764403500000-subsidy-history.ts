import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every claim event and every budget event as the subsidy service stated them, with when it made the
 * change (two claim events may state one version: a repayment and the settlement it makes): the subsidy summary as of a past day. `subsidy_claim` and `subsidy_budget` keep only the newest.
 * What is already known is taken as each claim's and year's latest state, dated by its last change; a
 * rebuild from the topics gives the whole history.
 */
export class SubsidyHistory1764403500000 implements MigrationInterface {
  name = 'SubsidyHistory1764403500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subsidy_claim_version (
        event_id uuid PRIMARY KEY,
        claim_id uuid NOT NULL,
        version int NOT NULL,
        programme_year int NOT NULL,
        state text NOT NULL,
        approved_kopecks bigint,
        paid_kopecks bigint,
        clawback_demanded_kopecks bigint,
        clawback_version int,
        clawback_repaid_kopecks bigint,
        clawback_refunded_kopecks bigint,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX subsidy_claim_version_claim ON subsidy_claim_version (claim_id, version)`);
    await queryRunner.query(`CREATE INDEX subsidy_claim_version_year ON subsidy_claim_version (programme_year)`);
    await queryRunner.query(`
      INSERT INTO subsidy_claim_version (event_id, claim_id, version, programme_year, state, approved_kopecks, paid_kopecks,
        clawback_demanded_kopecks, clawback_version, clawback_repaid_kopecks, clawback_refunded_kopecks, updated_at)
      SELECT gen_random_uuid(), claim_id, version, programme_year, state, approved_kopecks, paid_kopecks, clawback_demanded_kopecks,
             clawback_version, clawback_repaid_kopecks, clawback_refunded_kopecks, updated_at
        FROM subsidy_claim`);
    await queryRunner.query(`
      CREATE TABLE subsidy_budget_version (
        event_id uuid PRIMARY KEY,
        programme_year int NOT NULL,
        total_kopecks bigint NOT NULL,
        committed_kopecks bigint NOT NULL,
        available_kopecks bigint NOT NULL,
        utilisation_percent numeric(6, 2) NOT NULL,
        as_of timestamptz NOT NULL,
        budget_version bigint
      )`);
    await queryRunner.query(
      `CREATE INDEX subsidy_budget_version_year ON subsidy_budget_version (programme_year, as_of)`,
    );
    await queryRunner.query(`
      INSERT INTO subsidy_budget_version (event_id, programme_year, total_kopecks, committed_kopecks, available_kopecks,
        utilisation_percent, as_of, budget_version)
      SELECT event_id, programme_year, total_kopecks, committed_kopecks, available_kopecks, utilisation_percent, as_of,
             budget_version
        FROM subsidy_budget`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE subsidy_budget_version`);
    await queryRunner.query(`DROP TABLE subsidy_claim_version`);
  }
}
