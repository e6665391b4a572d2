import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A missed deadline is filed month by month, as reporting counts it (three
 * monthly reports meet a quarter, a quarterly report meets its months): its
 * period's first and last days, filled from the period text for the rows held.
 */
export class MissedDeadlineMonths1764401000000 implements MigrationInterface {
  name = 'MissedDeadlineMonths1764401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE missed_deadline ADD COLUMN period_start date, ADD COLUMN period_end date`);
    await queryRunner.query(`
      UPDATE missed_deadline SET period_start = p.start, period_end = (p.start + p.length - interval '1 day')::date
        FROM (SELECT obligation_id,
                     CASE WHEN period LIKE '%-Q%'
                          THEN make_date(left(period, 4)::int, (right(period, 1)::int - 1) * 3 + 1, 1)
                          ELSE to_date(period, 'YYYY-MM') END AS start,
                     CASE WHEN period LIKE '%-Q%' THEN interval '3 months' ELSE interval '1 month' END AS length
                FROM missed_deadline) p
       WHERE p.obligation_id = missed_deadline.obligation_id`);
    await queryRunner.query(
      `ALTER TABLE missed_deadline ALTER COLUMN period_start SET NOT NULL, ALTER COLUMN period_end SET NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX missed_deadline_months ON missed_deadline (company_id, period_start)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX missed_deadline_months`);
    await queryRunner.query(`ALTER TABLE missed_deadline DROP COLUMN period_start, DROP COLUMN period_end`);
  }
}
