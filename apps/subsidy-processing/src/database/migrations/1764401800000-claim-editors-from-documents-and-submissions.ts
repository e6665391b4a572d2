import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A supporting document is part of what is decided on, and submitting attests
 * the claim, so whoever uploaded a document or submitted a claim is one of its
 * editors, whom four eyes keep from deciding it. Existing claims get them from
 * the audit trail, which records every upload and submission.
 */
export class ClaimEditorsFromDocumentsAndSubmissions1764401800000 implements MigrationInterface {
  name = 'ClaimEditorsFromDocumentsAndSubmissions1764401800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH missing AS (
        SELECT c.id, array_agg(DISTINCT a.actor_id ORDER BY a.actor_id) AS editors
          FROM claim c JOIN audit_entry a ON a.subject_type = 'claim' AND a.subject_id = c.id::text
         WHERE a.action IN ('claim.document_uploaded', 'claim.submitted') AND a.actor_id <> ALL (c.edited_by)
         GROUP BY c.id)
      UPDATE claim c SET edited_by = c.edited_by || missing.editors FROM missing WHERE c.id = missing.id`);
  }

  /**
   * Nothing to undo: the column stays, and taking editors out of it would let
   * them decide claims they changed.
   */
  async down(): Promise<void> {}
}
