import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recomputeKnowledge } from '../../reports/output-knowledge';
import { recomputeAggregates } from '../../reports/report-aggregates';

/**
 * A product's tonnage class is the catalogue's: its output counts in the
 * class the catalogue gives it now, and as known then in the class known
 * here on that day. `product_class` keeps each class a product has had in
 * the catalogue and when this service learnt it; a line keeps the class its
 * report gave (`reported_class`), which counts only while the catalogue does
 * not know the product.
 *
 * Classes known before this migration are taken as known from the start:
 * the registry copy kept no arrival times. Facts recorded before kept the
 * class they were counted in, which for a product the catalogue does not
 * know is the reported one (or none).
 */
export class ProductClass1764401500000 implements MigrationInterface {
  name = 'ProductClass1764401500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product_class (
        product_code text NOT NULL,
        -- The catalogue version that gave the product this class.
        version int NOT NULL,
        tonnage_class text NOT NULL,
        known_from timestamptz NOT NULL,
        PRIMARY KEY (product_code, version)
      )`);
    await queryRunner.query(`
      INSERT INTO product_class (product_code, version, tonnage_class, known_from)
      SELECT code, version, tonnage_class, '-infinity' FROM registry_product`);
    await queryRunner.query(`ALTER TABLE report_line_fact ADD COLUMN reported_class text`);
    await queryRunner.query(`UPDATE report_line_fact SET reported_class = nullif(tonnage_class, 'unknown')`);
    await queryRunner.query(`
      CREATE OR REPLACE VIEW report_line_month AS
      SELECT f.report_id, f.version, f.line_no, f.known_from, f.known_to, f.company_id, f.facility_id,
             f.deposit_id, f.site_id, f.region, f.period, f.period_start, f.period_end, f.product_code,
             f.tonnage_class,
             (f.period_start + make_interval(months => i - 1))::date AS month,
             month_share(f.quantity_t, f.months, i) AS quantity_t,
             month_share(f.metal_t, f.months, i) AS metal_t,
             month_share(f.domestic_t, f.months, i) AS domestic_t,
             month_share(f.exports_t, f.months, i) AS exports_t,
             f.reported_class
        FROM report_line_fact f CROSS JOIN LATERAL generate_series(1, f.months) AS i`);
    const [{ moved }]: { moved: number }[] = await queryRunner.query(`
      WITH moved AS (
        UPDATE report_line_fact f SET tonnage_class = p.tonnage_class
          FROM registry_product p WHERE p.code = f.product_code AND f.tonnage_class <> p.tonnage_class
        RETURNING 1)
      SELECT count(*)::int AS moved FROM moved`);
    // Summed as the projection sums them, so that what it adds to later agrees with it.
    if (moved > 0) {
      await recomputeAggregates(queryRunner.manager);
      await recomputeKnowledge(queryRunner.manager);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A view cannot lose a column in place.
    await queryRunner.query(`DROP VIEW report_line_month`);
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
    await queryRunner.query(`ALTER TABLE report_line_fact DROP COLUMN reported_class`);
    await queryRunner.query(`DROP TABLE product_class`);
  }
}
