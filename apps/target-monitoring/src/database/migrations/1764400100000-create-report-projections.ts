import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accepted report versions and their lines as a bitemporal fact table (valid
 * period; known from/to = when the platform learnt a version and when a later
 * one replaced it), plus monthly aggregates of the versions known now.
 */
export class CreateReportProjections1764400100000 implements MigrationInterface {
  name = 'CreateReportProjections1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_version (
        report_id uuid NOT NULL,
        version int NOT NULL,
        company_id uuid NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        site_id uuid,
        region text NOT NULL,
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        nil_return boolean NOT NULL,
        -- occurredAt of ReportAccepted: from then on the platform knew this version.
        accepted_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        PRIMARY KEY (report_id, version)
      )`);
    await queryRunner.query(`CREATE INDEX report_version_site ON report_version (site_id, period_start)`);
    await queryRunner.query(`CREATE INDEX report_version_company_period ON report_version (company_id, period)`);
    await queryRunner.query(`
      CREATE TABLE report_line_fact (
        report_id uuid NOT NULL,
        version int NOT NULL,
        line_no int NOT NULL,
        company_id uuid NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        site_id uuid,
        region text NOT NULL,
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        months int NOT NULL CHECK (months BETWEEN 1 AND 12),
        product_code text NOT NULL,
        tonnage_class text NOT NULL,
        quantity_t numeric NOT NULL,
        metal_t numeric NOT NULL,
        domestic_t numeric NOT NULL,
        exports_t numeric NOT NULL,
        known_from timestamptz NOT NULL,
        known_to timestamptz,
        PRIMARY KEY (report_id, version, line_no)
      )`);
    await queryRunner.query(
      `CREATE INDEX report_line_fact_current_site ON report_line_fact (site_id, period_start) WHERE known_to IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX report_line_fact_current_company ON report_line_fact (company_id, period_start) WHERE known_to IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX report_line_fact_valid_known ON report_line_fact (period_start, known_from)`);
    // Quarterly (and yearly) figures are spread evenly over their months, rounded to 6 decimals with the
    // remainder in the last month, so months always add up to the reported figure exactly.
    await queryRunner.query(`
      CREATE FUNCTION month_share(amount numeric, months int, month_index int) RETURNS numeric
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN months = 1 THEN amount
                    WHEN month_index < months THEN round(amount / months, 6)
                    ELSE amount - (months - 1) * round(amount / months, 6) END
      $$`);
    await queryRunner.query(`
      CREATE VIEW report_line_month AS
      SELECT f.report_id, f.version, f.line_no, f.known_from, f.known_to, f.company_id, f.facility_id,
             f.deposit_id, f.site_id, f.region, f.period, f.period_start, f.period_end, f.product_code,
             f.tonnage_class,
             (f.period_start + make_interval(months => i - 1))::date AS month,
             month_share(f.quantity_t, f.months, i) AS quantity_t,
             month_share(f.metal_t, f.months, i) AS metal_t,
             month_share(f.domestic_t, f.months, i) AS domestic_t,
             month_share(f.exports_t, f.months, i) AS exports_t
        FROM report_line_fact f CROSS JOIN LATERAL generate_series(1, f.months) AS i`);
    await queryRunner.query(`
      CREATE TABLE output_month (
        month date NOT NULL,
        product_code text NOT NULL,
        tonnage_class text NOT NULL,
        company_id uuid NOT NULL,
        region text NOT NULL,
        quantity_t numeric NOT NULL,
        metal_t numeric NOT NULL,
        domestic_t numeric NOT NULL,
        exports_t numeric NOT NULL,
        PRIMARY KEY (month, product_code, tonnage_class, company_id, region)
      )`);
    await queryRunner.query(`CREATE INDEX output_month_company ON output_month (company_id, month)`);
    await queryRunner.query(`CREATE INDEX output_month_region ON output_month (region, month)`);
    await queryRunner.query(`CREATE INDEX output_month_product_code ON output_month (product_code, month)`);
    // What the targets read: a few thousand rows however many report lines there are.
    await queryRunner.query(`
      CREATE TABLE output_month_product (
        month date NOT NULL,
        product_code text NOT NULL,
        tonnage_class text NOT NULL,
        quantity_t numeric NOT NULL,
        metal_t numeric NOT NULL,
        domestic_t numeric NOT NULL,
        exports_t numeric NOT NULL,
        PRIMARY KEY (month, product_code, tonnage_class)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE output_month_product`);
    await queryRunner.query(`DROP TABLE output_month`);
    await queryRunner.query(`DROP VIEW report_line_month`);
    await queryRunner.query(`DROP FUNCTION month_share(numeric, int, int)`);
    await queryRunner.query(`DROP TABLE report_line_fact`);
    await queryRunner.query(`DROP TABLE report_version`);
  }
}
