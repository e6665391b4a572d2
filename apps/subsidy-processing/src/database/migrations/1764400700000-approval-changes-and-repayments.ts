import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An approved amount that a relied-on report lowered before payment (what it
 * was at the decision, and why it changed); clawback demands repaid in parts,
 * each repayment a row, with the outstanding amount kept by the database.
 */
export class ApprovalChangesAndRepayments1764400700000 implements MigrationInterface {
  name = 'ApprovalChangesAndRepayments1764400700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim
        ADD COLUMN originally_approved_kopecks bigint CHECK (originally_approved_kopecks >= 0),
        ADD COLUMN approval_adjustment_reason text,
        ADD COLUMN clawback_outstanding_kopecks bigint
          GENERATED ALWAYS AS (clawback_kopecks - coalesce(clawback_settled_kopecks, 0)) STORED,
        ADD CONSTRAINT claim_repaid_within_demand
          CHECK (clawback_settled_kopecks IS NULL OR clawback_settled_kopecks <= clawback_kopecks)`);
    await queryRunner.query(
      `CREATE INDEX claim_clawback_due ON claim (clawback_due_on) WHERE state = 'under_clawback'`,
    );
    await queryRunner.query(`
      CREATE TABLE clawback_repayment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claim (id),
        amount_kopecks bigint NOT NULL CHECK (amount_kopecks > 0),
        repaid_on date NOT NULL,
        reference text NOT NULL,
        recorded_by jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clawback_repayment_reference_once UNIQUE (claim_id, reference)
      )`);
    // Demands settled in one go before repayments were recorded: one repayment each, with the audited reference.
    await queryRunner.query(`
      INSERT INTO clawback_repayment (claim_id, amount_kopecks, repaid_on, reference, recorded_by)
      SELECT c.id, c.clawback_settled_kopecks, c.clawback_settled_on,
             coalesce((SELECT a.changes ->> 'reference' FROM audit_entry a
                        WHERE a.subject_type = 'claim' AND a.subject_id = c.id::text
                          AND a.action = 'claim.clawback_settled'
                        ORDER BY a.id DESC LIMIT 1), 'settled before repayments were recorded'),
             '{"userId": "system", "name": "migration"}'::jsonb
        FROM claim c
       WHERE c.clawback_settled_kopecks > 0 AND c.clawback_settled_on IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE clawback_repayment`);
    await queryRunner.query(`DROP INDEX claim_clawback_due`);
    await queryRunner.query(`
      ALTER TABLE claim
        DROP CONSTRAINT claim_repaid_within_demand,
        DROP COLUMN clawback_outstanding_kopecks,
        DROP COLUMN approval_adjustment_reason,
        DROP COLUMN originally_approved_kopecks`);
  }
}
