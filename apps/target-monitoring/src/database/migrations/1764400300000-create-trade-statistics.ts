import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customs statistics loaded by ministry staff. A figure loaded again for the
 * same flow, code and period replaces the earlier one, which is kept with the
 * time it stopped being current (so figures can be computed as known then).
 */
export class CreateTradeStatistics1764400300000 implements MigrationInterface {
  name = 'CreateTradeStatistics1764400300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trade_upload (
        id uuid PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('csv', 'json')),
        file_name text,
        row_count int NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE trade_statistic (
        id bigserial PRIMARY KEY,
        upload_id uuid NOT NULL REFERENCES trade_upload (id),
        flow text NOT NULL CHECK (flow IN ('import', 'export')),
        hs_code text NOT NULL,
        product_code text,
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        months int NOT NULL CHECK (months BETWEEN 1 AND 12),
        quantity_t numeric NOT NULL CHECK (quantity_t >= 0),
        value_kopecks bigint CHECK (value_kopecks >= 0),
        known_from timestamptz NOT NULL,
        known_to timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX trade_statistic_current ON trade_statistic (flow, hs_code, coalesce(product_code, ''), period)
        WHERE known_to IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX trade_statistic_valid ON trade_statistic (period_start, period_end)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trade_statistic`);
    await queryRunner.query(`DROP TABLE trade_upload`);
  }
}
