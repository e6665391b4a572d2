import type { MigrationInterface, QueryRunner } from 'typeorm';
import { validateEnvironment } from '@redmet/platform';
import { MONITORING_DEFAULTS, MonitoringEnvironment } from '../../monitoring.environment';
import { keepDaysIn } from '../../reports/known-days';

/**
 * The day something became known here was a UTC day, while "today" and the
 * other services' days are TIME_ZONE's: what became known between 00:00 and
 * 03:00 Moscow time counted on the day before.
 *
 * The database keeps the zone of its days (`calendar_zone`, written into
 * known_day()) instead of every statement passing it as a parameter: the days
 * are stored (`known_on`), so rows written by different callers must not be
 * in different zones, and one check at start (KnownDays) then holds for all
 * of them; the earlier migrations that count the days through
 * recomputeKnowledge() also keep calling known_day(instant) as it was. The
 * zone comes from the settings the migration runs with, the service's. The
 * days stored so far are counted again from the stored instants (report
 * facts' known_from and known_to, product classes' known_from), as a rebuild
 * would count them.
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
    const { TIME_ZONE } = validateEnvironment(MonitoringEnvironment, MONITORING_DEFAULTS)(process.env);
    await keepDaysIn(queryRunner.manager, TIME_ZONE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keepDaysIn(queryRunner.manager, 'UTC');
    await queryRunner.query(`DROP TABLE calendar_zone`);
  }
}
