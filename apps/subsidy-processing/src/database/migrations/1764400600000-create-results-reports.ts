import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A company's results for a programme year, against which paid subsidies may be clawed back. */
export class CreateResultsReports1764400600000 implements MigrationInterface {
  name = 'CreateResultsReports1764400600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE results_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        programme_year int NOT NULL REFERENCES programme (year),
        indicator text NOT NULL,
        planned numeric NOT NULL CHECK (planned > 0),
        actual numeric NOT NULL CHECK (actual >= 0),
        coefficient numeric NOT NULL CHECK (coefficient BETWEEN 0 AND 1),
        due_on date NOT NULL,
        submitted_on date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT results_report_once UNIQUE (company_id, programme_year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE results_report`);
  }
}
