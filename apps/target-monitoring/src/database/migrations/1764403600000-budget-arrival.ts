import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A year's budget is now the event standing over its whole history (`standingBudgets`), the same
 * whatever order and batches the events came in, instead of each event weighed against the row as it
 * came. The history keeps the order the events arrived in, which breaks the rule's ties (two uncounted
 * events stamped at once: the later to arrive stands, as before); the events known before take it from
 * their times, the year's standing event last at a tie, since the rule then let the later arrival win.
 * The rows are then restated by the rule: a year whose counted and uncounted events came in an order
 * that the rule before decided otherwise changes to the event standing over its history. An index finds
 * a year's highest count.
 */
export class BudgetArrival1764403600000 implements MigrationInterface {
  name = 'BudgetArrival1764403600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subsidy_budget_version ADD COLUMN arrival bigint`);
    await queryRunner.query(`
      UPDATE subsidy_budget_version v SET arrival = known.arrival
        FROM (SELECT v.event_id,
                     row_number() OVER (ORDER BY v.as_of, v.event_id IS NOT DISTINCT FROM b.event_id, v.event_id) AS arrival
                FROM subsidy_budget_version v LEFT JOIN subsidy_budget b USING (programme_year)) known
       WHERE known.event_id = v.event_id`);
    await queryRunner.query(`ALTER TABLE subsidy_budget_version ALTER COLUMN arrival SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE subsidy_budget_version ALTER COLUMN arrival ADD GENERATED ALWAYS AS IDENTITY`);
    await queryRunner.query(
      `SELECT setval(pg_get_serial_sequence('subsidy_budget_version', 'arrival'), max(arrival)) FROM subsidy_budget_version`,
    );
    await queryRunner.query(`
      CREATE INDEX subsidy_budget_version_count ON subsidy_budget_version (programme_year, budget_version)
       WHERE budget_version IS NOT NULL`);
    // The rule as this release decides it (budget-standing.ts), written out: a migration must run the same
    // statement against this schema whatever later releases make of the projection's code.
    await queryRunner.query(`
      INSERT INTO subsidy_budget AS b (programme_year, total_kopecks, committed_kopecks, available_kopecks,
        utilisation_percent, as_of, event_id, budget_version)
      SELECT standing.programme_year, standing.total_kopecks, standing.committed_kopecks, standing.available_kopecks,
             standing.utilisation_percent, standing.as_of, standing.event_id, standing.budget_version
        FROM (SELECT DISTINCT programme_year FROM subsidy_budget_version) wanted CROSS JOIN LATERAL (
          SELECT * FROM (
            (SELECT * FROM subsidy_budget_version
              WHERE programme_year = wanted.programme_year AND budget_version IS NOT NULL
              ORDER BY budget_version DESC, arrival DESC LIMIT 1)
            UNION ALL
            (SELECT * FROM subsidy_budget_version
              WHERE programme_year = wanted.programme_year
              ORDER BY as_of DESC, budget_version IS NULL, arrival DESC LIMIT 1)) candidate
           ORDER BY budget_version DESC NULLS FIRST, arrival DESC LIMIT 1) standing
      ON CONFLICT (programme_year) DO UPDATE SET
        total_kopecks = excluded.total_kopecks, committed_kopecks = excluded.committed_kopecks,
        available_kopecks = excluded.available_kopecks, utilisation_percent = excluded.utilisation_percent,
        as_of = excluded.as_of, event_id = excluded.event_id, budget_version = excluded.budget_version
      WHERE b.event_id <> excluded.event_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX subsidy_budget_version_count`);
    await queryRunner.query(`ALTER TABLE subsidy_budget_version DROP COLUMN arrival`);
  }
}
