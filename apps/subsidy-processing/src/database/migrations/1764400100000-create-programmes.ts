import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme per year: its budget row (the one row every approval locks)
 * and the versions of its rules. Seeded with DOMAIN.md's budget (1.07 / 1.08 /
 * 1.7 bn RUB for 2026–2028); rates, cap and threshold are placeholders until
 * the rules are published, and admins change them through the API.
 */
export class CreateProgrammes1764400100000 implements MigrationInterface {
  name = 'CreateProgrammes1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programme (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        total_kopecks bigint NOT NULL CHECK (total_kopecks >= 0),
        committed_kopecks bigint NOT NULL DEFAULT 0,
        -- The last line of defence: whatever the code does, the budget is never overspent.
        CONSTRAINT programme_budget_not_overspent CHECK (committed_kopecks >= 0 AND committed_kopecks <= total_kopecks)
      )`);
    await queryRunner.query(`
      CREATE TABLE programme_version (
        year int NOT NULL REFERENCES programme (year),
        version int NOT NULL CHECK (version >= 1),
        effective_from date NOT NULL,
        total_kopecks bigint NOT NULL CHECK (total_kopecks >= 0),
        eligible_product_codes text[] NOT NULL,
        rates jsonb NOT NULL,
        company_cap_kopecks bigint NOT NULL CHECK (company_cap_kopecks >= 0),
        claim_cutoff date NOT NULL,
        four_eyes_threshold_kopecks bigint NOT NULL CHECK (four_eyes_threshold_kopecks >= 0),
        min_revenue_multiple numeric NOT NULL CHECK (min_revenue_multiple >= 0),
        clawback_basis text NOT NULL CHECK (clawback_basis IN ('metal_content', 'quantity')),
        clawback_multiplier numeric NOT NULL CHECK (clawback_multiplier >= 0),
        clawback_due_working_days int NOT NULL CHECK (clawback_due_working_days >= 1),
        results_due_on date NOT NULL,
        reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, version)
      )`);
    const rates = JSON.stringify({
      equipment: '0.5',
      processing: '0.3',
      energy: '0.3',
      transport_logistics: '0.5',
      rnd: '0.7',
      buyer_discount: '0.35',
    });
    for (const [year, total] of [
      [2026, '107000000000'],
      [2027, '108000000000'],
      [2028, '170000000000'],
    ] as const) {
      await queryRunner.query(`INSERT INTO programme (year, total_kopecks) VALUES ($1, $2)`, [year, total]);
      await queryRunner.query(
        `INSERT INTO programme_version (year, version, effective_from, total_kopecks, eligible_product_codes, rates,
           company_cap_kopecks, claim_cutoff, four_eyes_threshold_kopecks, min_revenue_multiple, clawback_basis,
           clawback_multiplier, clawback_due_working_days, results_due_on, reason, created_by)
         VALUES ($1, 1, $2, $3, $4, $5, 15000000000, $6, 1000000000, 2, 'metal_content', 1, 10, $7,
           'Initial figures: budget from the federal project (DOMAIN.md), other rules are defaults', 'migration')`,
        [
          year,
          `${year}-01-01`,
          total,
          ['REE-METALS', 'CE-COMPOUNDS', 'RE-COMPOUNDS', 'RE-MAGNETS'],
          rates,
          `${year}-12-01`,
          `${year + 1}-02-01`,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE programme_version`);
    await queryRunner.query(`DROP TABLE programme`);
  }
}
