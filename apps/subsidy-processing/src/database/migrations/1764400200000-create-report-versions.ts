import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The service's own copy of production reports, one row per version, from `reporting.report.v1`. */
export class CreateReportVersions1764400200000 implements MigrationInterface {
  name = 'CreateReportVersions1764400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_version (
        report_id uuid NOT NULL,
        version int NOT NULL,
        company_id uuid NOT NULL,
        period text NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        state text NOT NULL,
        -- When the event that set the state happened: a late, older event does not undo a newer one.
        state_at timestamptz NOT NULL,
        nil_return boolean NOT NULL,
        lines jsonb NOT NULL,
        metal_content_tonnes numeric NOT NULL,
        quantity_tonnes numeric NOT NULL,
        PRIMARY KEY (report_id, version)
      )`);
    await queryRunner.query(
      `CREATE INDEX report_version_accepted ON report_version (report_id, version DESC) WHERE state = 'accepted'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_version`);
  }
}
