import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who ended a silence early, and when: ending one unmutes a rule or subject,
 * as much a decision as starting it. Silences ended before this have neither.
 */
export class SilenceEndedBy1764402600000 implements MigrationInterface {
  name = 'SilenceEndedBy1764402600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE silence ADD COLUMN ended_by jsonb, ADD COLUMN ended_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE silence DROP COLUMN ended_by, DROP COLUMN ended_at`);
  }
}
