import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cut-off is about a claim's first submission, and `submitted_at` moves
 * with every resubmission, so the first is kept beside it. The audit trail
 * has it too, but in the database's time, while the rules read the service's
 * clock. Existing claims get it from the trail, which records every
 * submission (the last submission where it has none).
 */
export class ClaimFirstSubmission1764402100000 implements MigrationInterface {
  name = 'ClaimFirstSubmission1764402100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim ADD COLUMN first_submitted_at timestamptz`);
    await queryRunner.query(`
      UPDATE claim c SET first_submitted_at = coalesce(
        (SELECT min(a.at) FROM audit_entry a
          WHERE a.subject_type = 'claim' AND a.subject_id = c.id::text AND a.action = 'claim.submitted'),
        c.submitted_at)
       WHERE c.submitted_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim DROP COLUMN first_submitted_at`);
  }
}
