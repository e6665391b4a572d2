import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An upsert's update adding the new row's sums and line count to the existing row `o`. */
const ADD_UP = `quantity_t = o.quantity_t + excluded.quantity_t, metal_t = o.metal_t + excluded.metal_t,
  domestic_t = o.domestic_t + excluded.domestic_t, exports_t = o.exports_t + excluded.exports_t,
  lines = o.lines + excluded.lines`;

const SUMS = `sum(quantity_t), sum(metal_t), sum(domestic_t), sum(exports_t)`;

/** The monthly aggregates from the lines of each report's highest accepted version. */
const RECOMPUTE_AGGREGATES = `
  WITH current AS (
    SELECT DISTINCT ON (report_id) report_id, version FROM report_version ORDER BY report_id, version DESC),
  detail AS (
    INSERT INTO output_month
    SELECT m.month, m.product_code, m.tonnage_class, m.company_id, m.region, ${SUMS}, count(*)
      FROM report_line_month m JOIN current c ON c.report_id = m.report_id AND c.version = m.version
     GROUP BY 1, 2, 3, 4, 5
    RETURNING *)
  INSERT INTO output_month_product
  SELECT month, product_code, tonnage_class, ${SUMS}, sum(lines) FROM detail GROUP BY 1, 2, 3`;

/**
 * What became known day by day, per product and per company and region: each
 * line in on the day it became known and out on the day it was replaced, in
 * its product's class as known each day (the reported class before the
 * catalogue knew the product).
 */
export const RECOMPUTE_KNOWLEDGE = `
  WITH changed AS (
    SELECT m.month, m.product_code, m.reported_class, m.company_id, m.region, c.sign, m.quantity_t, m.metal_t,
           m.domestic_t, m.exports_t,
           CASE WHEN c.replaced_at IS NULL THEN known_day(m.known_from)
                ELSE greatest(known_day(c.replaced_at), known_day(m.known_from)) END AS from_day
      FROM report_line_month m
     CROSS JOIN LATERAL (VALUES (NULL::timestamptz, 1), (m.known_to, -1)) AS c(replaced_at, sign)
     WHERE c.sign = 1 OR c.replaced_at IS NOT NULL),
  delta AS MATERIALIZED (
    SELECT l.month, l.product_code, coalesce(s.tonnage_class, l.reported_class, 'unknown') AS tonnage_class,
           l.company_id, l.region, k.known_on,
           sum(k.sign * l.quantity_t) AS quantity_t, sum(k.sign * l.metal_t) AS metal_t,
           sum(k.sign * l.domestic_t) AS domestic_t, sum(k.sign * l.exports_t) AS exports_t, sum(k.sign) AS lines
      FROM changed l
      LEFT JOIN (
        SELECT product_code, tonnage_class, since,
               min(since) OVER (PARTITION BY product_code ORDER BY version DESC
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS until
          FROM (SELECT product_code, version, tonnage_class, known_day(known_from) AS since FROM product_class
                UNION ALL
                SELECT product_code, 0, NULL, '-infinity' FROM product_class GROUP BY product_code) AS c) s
        ON s.product_code = l.product_code AND (s.until IS NULL OR s.until > greatest(l.from_day, s.since))
     CROSS JOIN LATERAL (VALUES (greatest(l.from_day, s.since), l.sign), (s.until, -l.sign)) AS k(known_on, sign)
     WHERE k.known_on IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING (sum(k.sign), sum(k.sign * l.quantity_t), sum(k.sign * l.metal_t), sum(k.sign * l.domestic_t),
            sum(k.sign * l.exports_t)) <> (0, 0, 0, 0, 0)),
  per_company AS (
    INSERT INTO output_month_company_known AS o
    SELECT month, tonnage_class, company_id, region, known_on, ${SUMS}, sum(lines)
      FROM delta GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (month, tonnage_class, company_id, region, known_on) DO UPDATE SET ${ADD_UP})
  INSERT INTO output_month_known AS o
  SELECT month, product_code, tonnage_class, known_on, ${SUMS}, sum(lines)
    FROM delta GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (month, product_code, tonnage_class, known_on) DO UPDATE SET ${ADD_UP}`;

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
    // Summed as the projection sums them, so that what it adds to later agrees with it: this release's
    // recomputeAggregates and recomputeKnowledge, written out, so that later changes to them cannot change this upgrade.
    if (moved > 0) {
      await queryRunner.query(`TRUNCATE output_month, output_month_product`);
      await queryRunner.query(RECOMPUTE_AGGREGATES);
      await queryRunner.query(`TRUNCATE output_month_known, output_month_company_known`);
      await queryRunner.query(RECOMPUTE_KNOWLEDGE);
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
