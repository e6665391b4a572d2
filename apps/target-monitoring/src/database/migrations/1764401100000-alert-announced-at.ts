import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When staff were last told of an alert as it stands: raised, raised again
 * once its silence ended, or turned critical. Escalation counts from then, so
 * an alert nobody could see (silenced, or not yet critical) is not escalated
 * the moment it is shown. The default keeps the previous version's inserts
 * valid during a rolling update.
 */
export class AlertAnnouncedAt1764401100000 implements MigrationInterface {
  name = 'AlertAnnouncedAt1764401100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert ADD COLUMN announced_at timestamptz NOT NULL DEFAULT clock_timestamp()`);
    await queryRunner.query(`UPDATE alert SET announced_at = raised_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert DROP COLUMN announced_at`);
  }
}
