import { isTimeZone } from 'class-validator';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@redmet/platform';
// The recount this release ran, as the migration before it froze it; a migration never changes, so sharing it is safe.
import { RECOMPUTE_KNOWLEDGE } from './1764401500000-product-class';

/**
 * The day something became known here was a UTC day, while "today" and the
 * other services' days are TIME_ZONE's: what became known between 00:00 and
 * 03:00 Moscow time counted on the day before.
 *
 * The database keeps the zone of its days (`calendar_zone`, written into
 * known_day()) instead of every statement passing it as a parameter: the days
 * are stored (`known_on`), so rows written by different callers must not be
 * in different zones, and one check at start (KnownDays) then holds for all
 * of them; the earlier migrations, whose statements count the days with
 * known_day(instant), also keep working as they were. The zone comes from the
 * settings the migration runs with, the service's. The days stored so far are
 * counted again from the stored instants (report facts' known_from and
 * known_to, product classes' known_from), as a rebuild would count them.
 */
export class TimeZoneDays1764401700000 implements MigrationInterface {
  name = 'TimeZoneDays1764401700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_zone (
        single boolean PRIMARY KEY DEFAULT true CHECK (single),
        time_zone text NOT NULL
      )`);
    // What known_day() has counted in until now.
    await queryRunner.query(`INSERT INTO calendar_zone (time_zone) VALUES ('UTC')`);
    // Only TIME_ZONE, read and checked as the service's settings read it (unset or empty: the default): a
    // later release's other settings must not decide whether this upgrade runs, and a zone the service
    // would refuse at start must not have its days counted first.
    const timeZone = process.env.TIME_ZONE || DEFAULT_TIME_ZONE;
    if (!isTimeZone(timeZone)) throw new Error(`TIME_ZONE is ${JSON.stringify(timeZone)}, not an IANA time zone`);
    await keepDaysIn(queryRunner, timeZone);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keepDaysIn(queryRunner, 'UTC');
    await queryRunner.query(`DROP TABLE calendar_zone`);
  }
}

/**
 * This release's keepDaysIn() and the recomputeKnowledge() it called, written
 * out, so that later changes to them cannot change this upgrade: known_day()
 * redefined with the zone written into it and the stored days summed again
 * from the stored instants, unless the days are in `timeZone` already.
 */
async function keepDaysIn(queryRunner: QueryRunner, timeZone: string): Promise<void> {
  // Taken first, as a start (KnownDays) takes it: whoever counts the days again does so alone.
  const [kept]: { time_zone: string }[] = await queryRunner.query(`SELECT time_zone FROM calendar_zone FOR UPDATE`);
  if (kept.time_zone === timeZone) return;
  const [zone]: { literal: string }[] = await queryRunner.query(
    `SELECT quote_literal(name) AS literal FROM pg_timezone_names WHERE name = $1`,
    [timeZone],
  );
  if (!zone) throw new Error(`TIME_ZONE is ${JSON.stringify(timeZone)}, a time zone PostgreSQL does not know`);
  // 999 µs: a moment after the last millisecond of a day (endOfDay) was not known by its end.
  await queryRunner.query(`
    CREATE OR REPLACE FUNCTION known_day(instant timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT date_trunc('day', (instant AT TIME ZONE ${zone.literal}) + interval '999 microseconds')::date
    $$`);
  await queryRunner.query(`UPDATE calendar_zone SET time_zone = $1`, [timeZone]);
  // The truncation waits for the consumers' transactions that wrote these tables and holds off the next ones
  // until this one commits: those plan their statements with the new function then.
  await queryRunner.query(`TRUNCATE output_month_known, output_month_company_known`);
  await queryRunner.query(RECOMPUTE_KNOWLEDGE);
}
