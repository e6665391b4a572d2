import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes keep everyone who wrote any of a claim from deciding it, not only
 * its last editor: an officer who changed a producer's lines could otherwise
 * decide them once the producer touched the claim again. Existing claims get
 * their editors from the audit trail, which records every creation and edit.
 */
export class ClaimEditors1764401700000 implements MigrationInterface {
  name = 'ClaimEditors1764401700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim ADD COLUMN edited_by text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE claim c SET edited_by = ARRAY(
        SELECT editor FROM (
          SELECT c.created_by UNION SELECT c.last_edited_by
          UNION SELECT a.actor_id FROM audit_entry a
           WHERE a.subject_type = 'claim' AND a.subject_id = c.id::text AND a.action IN ('claim.created', 'claim.edited')
        ) AS editors (editor) ORDER BY editor)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE claim DROP COLUMN edited_by`);
  }
}
