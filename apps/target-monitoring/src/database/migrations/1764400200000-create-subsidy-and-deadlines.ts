import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subsidy claims and budgets as their latest snapshots, and reporting obligations whose deadline was missed. */
export class CreateSubsidyAndDeadlines1764400200000 implements MigrationInterface {
  name = 'CreateSubsidyAndDeadlines1764400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subsidy_claim (
        claim_id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        programme_year int NOT NULL,
        period text NOT NULL,
        state text NOT NULL,
        requested_kopecks bigint NOT NULL,
        approved_kopecks bigint,
        paid_kopecks bigint,
        clawback_demanded_kopecks bigint,
        clawed_back_kopecks bigint,
        report_ids uuid[] NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX subsidy_claim_company ON subsidy_claim (company_id, programme_year)`);
    await queryRunner.query(`
      CREATE TABLE subsidy_budget (
        programme_year int PRIMARY KEY,
        total_kopecks bigint NOT NULL,
        committed_kopecks bigint NOT NULL,
        available_kopecks bigint NOT NULL,
        utilisation_percent numeric(6, 2) NOT NULL,
        as_of timestamptz NOT NULL,
        event_id uuid NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE missed_deadline (
        obligation_id text PRIMARY KEY,
        company_id uuid NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        site_id uuid,
        period text NOT NULL,
        due_on date NOT NULL,
        missed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX missed_deadline_filing ON missed_deadline (company_id, period)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE missed_deadline`);
    await queryRunner.query(`DROP TABLE subsidy_budget`);
    await queryRunner.query(`DROP TABLE subsidy_claim`);
  }
}
