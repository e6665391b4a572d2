import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `untold_since_severity`: the severity people last heard of an alert at, while a rise since was muted by a
 * silence (null otherwise). Apart from `silenced`, which says they never heard of the alert at all: an alert
 * they know of still has its acknowledgement and all-clear delivered under a silence, and its muted rise is
 * told once the silence ends.
 */
export class AlertUntoldRise1764403300000 implements MigrationInterface {
  name = 'AlertUntoldRise1764403300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE alert ADD COLUMN untold_since_severity text
         CHECK (untold_since_severity IN ('info', 'warning', 'critical'))`,
    );
    await queryRunner.query(
      `CREATE INDEX alert_rise_untold ON alert (raised_at) WHERE untold_since_severity IS NOT NULL AND state = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert DROP COLUMN untold_since_severity`);
  }
}
