import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly aggregates count the lines (per month) they hold, so that a
 * product or company whose lines were all replaced by amendments is told
 * from one reported as zero: the first is left out, as the fact table and a
 * rebuild leave it out, the second shows as zero.
 */
export class CountOutputLines1764400700000 implements MigrationInterface {
  name = 'CountOutputLines1764400700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE output_month ADD COLUMN lines int NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE output_month_product ADD COLUMN lines int NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE output_month o SET lines = n.lines
        FROM (SELECT m.month, m.product_code, m.tonnage_class, m.company_id, m.region, count(*) AS lines
                FROM report_line_month m
                JOIN (SELECT DISTINCT ON (report_id) report_id, version FROM report_version
                       ORDER BY report_id, version DESC) c ON c.report_id = m.report_id AND c.version = m.version
               GROUP BY 1, 2, 3, 4, 5) n
       WHERE (o.month, o.product_code, o.tonnage_class, o.company_id, o.region)
           = (n.month, n.product_code, n.tonnage_class, n.company_id, n.region)`);
    await queryRunner.query(`
      UPDATE output_month_product o SET lines = n.lines
        FROM (SELECT month, product_code, tonnage_class, sum(lines) AS lines FROM output_month GROUP BY 1, 2, 3) n
       WHERE (o.month, o.product_code, o.tonnage_class) = (n.month, n.product_code, n.tonnage_class)`);
    // Every writer gives the count from now on.
    await queryRunner.query(`ALTER TABLE output_month ALTER COLUMN lines DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE output_month_product ALTER COLUMN lines DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE output_month_product DROP COLUMN lines`);
    await queryRunner.query(`ALTER TABLE output_month DROP COLUMN lines`);
  }
}
