import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeadlineNotices1764310200000 implements MigrationInterface {
  name = 'CreateDeadlineNotices1764310200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deadline_notice (
        obligation_id text NOT NULL,
        -- 'reminder-7', 'reminder-0', 'missed': the key that makes each go out once.
        notice text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'skipped')),
        company_id uuid NOT NULL,
        facility_id uuid,
        deposit_id uuid,
        period text NOT NULL,
        due_on date NOT NULL,
        checked_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deadline_notice_once PRIMARY KEY (obligation_id, notice)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE deadline_notice`);
  }
}
