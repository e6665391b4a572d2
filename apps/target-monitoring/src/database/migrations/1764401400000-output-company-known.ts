import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What became known about each month's output day by day, as
 * `output_month_known` keeps it per product, here per tonnage class, company
 * and region: what the drill-downs by company or region as known then sum
 * instead of every report line. Without the product, so that a report's
 * lines known the same day make one row; with it (or per site) there would be
 * about a row per line and month, hardly fewer than the facts, which those
 * drill-downs still read.
 */
export class OutputCompanyKnown1764401400000 implements MigrationInterface {
  name = 'OutputCompanyKnown1764401400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE output_month_company_known (
        month date NOT NULL,
        tonnage_class text NOT NULL,
        company_id uuid NOT NULL,
        region text NOT NULL,
        known_on date NOT NULL,
        quantity_t numeric NOT NULL,
        metal_t numeric NOT NULL,
        domestic_t numeric NOT NULL,
        exports_t numeric NOT NULL,
        lines int NOT NULL,
        PRIMARY KEY (month, tonnage_class, company_id, region, known_on)
      )`);
    // The facts recorded so far, as ReportProjection's recompute sums them.
    await queryRunner.query(`
      INSERT INTO output_month_company_known
      SELECT m.month, m.tonnage_class, m.company_id, m.region, c.known_on, sum(c.sign * m.quantity_t),
             sum(c.sign * m.metal_t), sum(c.sign * m.domestic_t), sum(c.sign * m.exports_t), sum(c.sign)
        FROM report_line_month m
       CROSS JOIN LATERAL (VALUES (known_day(m.known_from), 1),
                                  (greatest(known_day(m.known_to), known_day(m.known_from)), -1)) AS c(known_on, sign)
       WHERE c.sign = 1 OR m.known_to IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE output_month_company_known`);
  }
}
