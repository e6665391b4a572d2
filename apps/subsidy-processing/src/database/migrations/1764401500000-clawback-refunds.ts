import type { MigrationInterface, QueryRunner } from 'typeorm';
import { forgetGeneratedColumn, type GeneratedColumn, recordGeneratedColumn } from '@redmet/platform';

/** Each expression must stay the one on the `Claim` entity. */
const OUTSTANDING: GeneratedColumn = {
  table: 'claim',
  column: 'clawback_outstanding_kopecks',
  expression:
    'clawback_kopecks - least(coalesce(clawback_settled_kopecks, 0) - coalesce(clawback_refunded_kopecks, 0), clawback_kopecks)',
};
const OUTSTANDING_BEFORE = 'clawback_kopecks - coalesce(clawback_settled_kopecks, 0)';
const REFUND_DUE: GeneratedColumn = {
  table: 'claim',
  column: 'clawback_refund_due_kopecks',
  expression:
    'greatest(coalesce(clawback_settled_kopecks, 0) - coalesce(clawback_refunded_kopecks, 0) - coalesce(clawback_kopecks, 0), 0)',
};

/**
 * A clawback demand may now come down below what was repaid: the excess is
 * refunded, each refund a row. What is outstanding counts repayments net of
 * refunds (PostgreSQL 15 cannot change a generated expression, so the column
 * is made again), and "repaid within demand" no longer holds: what stays
 * true is that no more is refunded than came back.
 */
export class ClawbackRefunds1764401500000 implements MigrationInterface {
  name = 'ClawbackRefunds1764401500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await forgetGeneratedColumn(queryRunner, OUTSTANDING);
    await queryRunner.query(`
      ALTER TABLE claim
        DROP CONSTRAINT claim_repaid_within_demand,
        DROP COLUMN clawback_outstanding_kopecks,
        ADD COLUMN clawback_refunded_kopecks bigint
          CONSTRAINT claim_clawback_refunded_kopecks_check CHECK (clawback_refunded_kopecks >= 0),
        ADD CONSTRAINT claim_refunded_within_repaid
          CHECK (clawback_refunded_kopecks IS NULL OR clawback_refunded_kopecks <= clawback_settled_kopecks)`);
    await queryRunner.query(`
      ALTER TABLE claim
        ADD COLUMN clawback_outstanding_kopecks bigint GENERATED ALWAYS AS (${OUTSTANDING.expression}) STORED,
        ADD COLUMN clawback_refund_due_kopecks bigint NOT NULL GENERATED ALWAYS AS (${REFUND_DUE.expression}) STORED`);
    await recordGeneratedColumn(queryRunner, OUTSTANDING);
    await recordGeneratedColumn(queryRunner, REFUND_DUE);
    await queryRunner.query(`
      CREATE TABLE clawback_refund (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL CONSTRAINT clawback_refund_claim_id_fkey REFERENCES claim (id),
        amount_kopecks bigint NOT NULL CONSTRAINT clawback_refund_amount_kopecks_check CHECK (amount_kopecks > 0),
        refunded_on date NOT NULL,
        reference text NOT NULL,
        recorded_by jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT clawback_refund_reference_once UNIQUE (claim_id, reference)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE clawback_refund`);
    await forgetGeneratedColumn(queryRunner, REFUND_DUE);
    await forgetGeneratedColumn(queryRunner, OUTSTANDING);
    await queryRunner.query(`
      ALTER TABLE claim
        DROP COLUMN clawback_refund_due_kopecks,
        DROP COLUMN clawback_outstanding_kopecks,
        DROP CONSTRAINT claim_refunded_within_repaid,
        DROP COLUMN clawback_refunded_kopecks`);
    await queryRunner.query(`
      ALTER TABLE claim
        ADD COLUMN clawback_outstanding_kopecks bigint GENERATED ALWAYS AS (${OUTSTANDING_BEFORE}) STORED,
        ADD CONSTRAINT claim_repaid_within_demand
          CHECK (clawback_settled_kopecks IS NULL OR clawback_settled_kopecks <= clawback_kopecks)`);
    await recordGeneratedColumn(queryRunner, { ...OUTSTANDING, expression: OUTSTANDING_BEFORE });
  }
}
