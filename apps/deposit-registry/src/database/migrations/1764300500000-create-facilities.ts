import type { MigrationInterface, QueryRunner } from 'typeorm';

const FACILITY_STATUS = `('planned', 'under_construction', 'commissioned', 'modernised')`;

export class CreateFacilities1764300500000 implements MigrationInterface {
  name = 'CreateFacilities1764300500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Product codes are an array checked against the catalogue when written, not a foreign key:
    // catalogue entries are never deleted and their code never changes.
    await queryRunner.query(`
      CREATE TABLE facility (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        operator_company_id uuid NOT NULL REFERENCES company (id),
        deposit_id uuid REFERENCES deposit (id),
        region text NOT NULL,
        product_codes text[] NOT NULL,
        capacity_tonnes_per_year numeric CHECK (capacity_tonnes_per_year >= 0),
        status text NOT NULL CHECK (status IN ${FACILITY_STATUS}),
        status_since date NOT NULL,
        commissioned_on date,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facility_commissioned CHECK ((commissioned_on IS NULL) = (status IN ('planned', 'under_construction')))
      )`);
    await queryRunner.query(`CREATE INDEX facility_name ON facility (name, id)`);
    await queryRunner.query(`CREATE INDEX facility_operator_company ON facility (operator_company_id)`);
    await queryRunner.query(`CREATE INDEX facility_deposit ON facility (deposit_id)`);
    await queryRunner.query(`CREATE INDEX facility_region ON facility (region)`);
    await queryRunner.query(`CREATE INDEX facility_status ON facility (status)`);
    await queryRunner.query(`CREATE INDEX facility_product_codes ON facility USING gin (product_codes)`);
    await queryRunner.query(`
      CREATE TABLE facility_status_change (
        id bigserial PRIMARY KEY,
        facility_id uuid NOT NULL REFERENCES facility (id),
        from_status text CHECK (from_status IN ${FACILITY_STATUS}),
        to_status text NOT NULL CHECK (to_status IN ${FACILITY_STATUS}),
        effective_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX facility_status_change_facility ON facility_status_change (facility_id, effective_on)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE facility_status_change`);
    await queryRunner.query(`DROP TABLE facility`);
  }
}
