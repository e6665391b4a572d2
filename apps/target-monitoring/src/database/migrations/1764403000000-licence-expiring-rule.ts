import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = 'rule:registry.licence_expiring_output';

/**
 * The settings of `registry.licence_expiring_output`: a rule without a
 * configuration is off, so the new rule needs its defaults as data. In effect
 * from the programme defaults' day, as if it had been there from the start.
 */
export class LicenceExpiringRule1764403000000 implements MigrationInterface {
  name = 'LicenceExpiringRule1764403000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO config_version (key, version, effective_from, value, recorded_by, reason)
       VALUES ($1, 1, '2024-01-01', $2, 'migration', 'Defaults of the rule on producing licences nearing their end')`,
      [KEY, JSON.stringify({ enabled: true, severity: 'warning', noticeDays: 90, criticalDays: 30 })],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM config_version WHERE key = $1`, [KEY]);
  }
}
