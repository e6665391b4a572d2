import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What became known about each month's output, day by day: per month,
 * product and tonnage class, the change in output on the day lines became
 * known (+) and on the day they were replaced by an amendment (−). Summing
 * the rows up to a day gives the output as known at the end of that day,
 * without reading every report line: what a target's history as known then
 * needs for each of its points. `lines` counts the lines (per month) known,
 * so that a product whose lines were all replaced is told from one reported
 * as zero. A line known and replaced on the same day was
 * never known at the end of a day: its two rows cancel out. `known_day` is the
 * day a moment falls on by the ends of days (endOfDay: 23:59:59.999 UTC): a
 * moment is known by the end of day d exactly when its known_day is d or before.
 */
export class CreateOutputKnown1764400600000 implements MigrationInterface {
  name = 'CreateOutputKnown1764400600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE output_month_known (
        month date NOT NULL,
        product_code text NOT NULL,
        tonnage_class text NOT NULL,
        known_on date NOT NULL,
        quantity_t numeric NOT NULL,
        metal_t numeric NOT NULL,
        domestic_t numeric NOT NULL,
        exports_t numeric NOT NULL,
        lines int NOT NULL,
        PRIMARY KEY (month, product_code, tonnage_class, known_on)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION known_day(instant timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT date_trunc('day', (instant AT TIME ZONE 'UTC') + interval '999 microseconds')::date
      $$`);
    // The facts recorded so far, as ReportProjection's recompute sums them.
    await queryRunner.query(`
      INSERT INTO output_month_known
      SELECT m.month, m.product_code, m.tonnage_class, c.known_on, sum(c.sign * m.quantity_t), sum(c.sign * m.metal_t),
             sum(c.sign * m.domestic_t), sum(c.sign * m.exports_t), sum(c.sign)
        FROM report_line_month m
       CROSS JOIN LATERAL (VALUES (known_day(m.known_from), 1),
                                  (greatest(known_day(m.known_to), known_day(m.known_from)), -1)) AS c(known_on, sign)
       WHERE c.sign = 1 OR m.known_to IS NOT NULL
       GROUP BY 1, 2, 3, 4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION known_day(timestamptz)`);
    await queryRunner.query(`DROP TABLE output_month_known`);
  }
}
