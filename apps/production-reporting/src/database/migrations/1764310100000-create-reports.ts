import type { MigrationInterface, QueryRunner } from 'typeorm';

const REPORT_STATE = `('draft', 'submitted', 'pending', 'accepted', 'rejected')`;

export class CreateReports1764310100000 implements MigrationInterface {
  name = 'CreateReports1764310100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        -- The site a report is unique for: its facility, or its deposit when it names no facility.
        site_id uuid NOT NULL GENERATED ALWAYS AS (coalesce(facility_id, deposit_id)) STORED,
        period text NOT NULL,
        state text NOT NULL CHECK (state IN ${REPORT_STATE}),
        latest_version int NOT NULL,
        accepted_version int,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX report_company_period ON report (company_id, period)`);
    await queryRunner.query(`CREATE INDEX report_site_period ON report (site_id, period)`);
    await queryRunner.query(`CREATE INDEX report_deposit_period ON report (deposit_id, period)`);
    await queryRunner.query(`CREATE INDEX report_created ON report (created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE report_version (
        report_id uuid NOT NULL REFERENCES report (id),
        version int NOT NULL CHECK (version > 0),
        state text NOT NULL CHECK (state IN ${REPORT_STATE}),
        nil_return boolean NOT NULL,
        region text,
        signed_by_user_id text,
        signed_by_name text,
        submitted_at timestamptz,
        content_sha256 char(64),
        supersedes_version int,
        amendment_reason text,
        reasons jsonb NOT NULL DEFAULT '[]',
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, version),
        CONSTRAINT report_version_signed CHECK (state = 'draft' OR (submitted_at IS NOT NULL AND content_sha256 IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX report_version_pending ON report_version (submitted_at) WHERE state = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE report_line (
        report_id uuid NOT NULL,
        version int NOT NULL,
        line_no int NOT NULL CHECK (line_no > 0),
        product_code text NOT NULL,
        tonnage_class text CHECK (tonnage_class IN ('large', 'small')),
        quantity numeric NOT NULL CHECK (quantity >= 0),
        unit text NOT NULL CHECK (unit IN ('t', 'kg')),
        metal_content_tonnes numeric NOT NULL CHECK (metal_content_tonnes >= 0),
        domestic_shipments numeric NOT NULL CHECK (domestic_shipments >= 0),
        exports numeric NOT NULL CHECK (exports >= 0),
        PRIMARY KEY (report_id, version, line_no),
        FOREIGN KEY (report_id, version) REFERENCES report_version (report_id, version) ON DELETE CASCADE
      )`);
    // One row per site and calendar month an accepted report covers, so monthly and quarterly reports cannot overlap.
    await queryRunner.query(`
      CREATE TABLE accepted_site_month (
        site_id uuid NOT NULL,
        month date NOT NULL,
        report_id uuid NOT NULL REFERENCES report (id),
        PRIMARY KEY (site_id, month)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE accepted_site_month`);
    await queryRunner.query(`DROP TABLE report_line`);
    await queryRunner.query(`DROP TABLE report_version`);
    await queryRunner.query(`DROP TABLE report`);
  }
}
