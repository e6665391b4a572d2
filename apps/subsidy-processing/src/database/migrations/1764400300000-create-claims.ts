import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = `('draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected', 'payment_scheduled',
  'paid', 'under_clawback', 'clawed_back')`;
/** Kopecks: never negative; `notNull` columns start at 0. */
const money = (column: string, notNull = false) =>
  `${column} bigint ${notNull ? 'NOT NULL DEFAULT 0 ' : ''}CHECK (${column} >= 0)`;

export class CreateClaims1764400300000 implements MigrationInterface {
  name = 'CreateClaims1764400300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claim (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        programme_year int NOT NULL REFERENCES programme (year),
        period text NOT NULL CHECK (period ~ '^\\d{4}-Q[1-4]$'),
        state text NOT NULL CHECK (state IN ${STATES}),
        report_ids uuid[] NOT NULL,
        no_tax_arrears boolean NOT NULL DEFAULT false,
        not_in_liquidation boolean NOT NULL DEFAULT false,
        ${money('annual_revenue_kopecks')},
        ${money('computed_kopecks', true)},
        ${money('requested_kopecks', true)},
        ${money('approved_kopecks')},
        ${money('paid_kopecks')},
        programme_version int,
        assigned_to jsonb,
        first_approval jsonb,
        decided_by jsonb,
        decision_reason text,
        missing_items text[] NOT NULL DEFAULT '{}',
        payment_scheduled_on date,
        paid_on date,
        payment_reference text,
        ${money('clawback_kopecks')},
        ${money('clawback_settled_kopecks')},
        clawback_coefficient numeric CHECK (clawback_coefficient BETWEEN 0 AND 1),
        clawback_reason text,
        clawback_demanded_on date,
        clawback_due_on date,
        clawback_settled_on date,
        created_by text NOT NULL,
        last_edited_by text NOT NULL,
        submitted_at timestamptz,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claim_approved_within_requested CHECK (approved_kopecks IS NULL OR approved_kopecks <= requested_kopecks)
      )`);
    // At most one live claim per company and quarter: drafts and rejected claims do not count.
    await queryRunner.query(
      `CREATE UNIQUE INDEX claim_one_per_quarter ON claim (company_id, period) WHERE state NOT IN ('draft', 'rejected')`,
    );
    await queryRunner.query(`CREATE INDEX claim_queue ON claim (state, submitted_at)`);
    await queryRunner.query(`CREATE INDEX claim_company_year ON claim (company_id, programme_year)`);
    await queryRunner.query(`
      CREATE TABLE claim_line (
        claim_id uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
        line_no int NOT NULL CHECK (line_no >= 1),
        basis text NOT NULL CHECK (basis IN ('cost', 'discount')),
        category text,
        description text,
        ${money('amount_kopecks')},
        product_code text,
        quantity numeric CHECK (quantity > 0),
        ${money('policy_price_kopecks')},
        ${money('invoiced_price_kopecks')},
        buyer_name text,
        buyer_inn text,
        document_number text NOT NULL,
        document_key text NOT NULL,
        ${money('basis_kopecks', true)},
        rate numeric NOT NULL,
        ${money('compensation_kopecks', true)},
        PRIMARY KEY (claim_id, line_no)
      )`);
    // A cost or invoice is claimed once per company, across claims: rows exist while the claim is live.
    await queryRunner.query(`
      CREATE TABLE claimed_document (
        company_id uuid NOT NULL,
        document_key text NOT NULL,
        claim_id uuid NOT NULL REFERENCES claim (id),
        CONSTRAINT claimed_document_once PRIMARY KEY (company_id, document_key)
      )`);
    await queryRunner.query(`CREATE INDEX claimed_document_claim ON claimed_document (claim_id)`);
    // The accepted report versions the approval relied on, with the figures a clawback is measured against.
    await queryRunner.query(`
      CREATE TABLE claim_relied_report (
        claim_id uuid NOT NULL REFERENCES claim (id),
        report_id uuid NOT NULL,
        version int NOT NULL,
        metal_content_tonnes numeric NOT NULL,
        quantity_tonnes numeric NOT NULL,
        PRIMARY KEY (claim_id, report_id)
      )`);
    await queryRunner.query(`CREATE INDEX claim_relied_report_report ON claim_relied_report (report_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['claim_relied_report', 'claimed_document', 'claim_line', 'claim']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
