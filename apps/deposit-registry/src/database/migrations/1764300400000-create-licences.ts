import type { MigrationInterface, QueryRunner } from 'typeorm';

const LICENCE_STATUS = `('active', 'suspended', 'revoked', 'expired')`;

export class CreateLicences1764300400000 implements MigrationInterface {
  name = 'CreateLicences1764300400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE licence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL CONSTRAINT licence_number_unique UNIQUE,
        holder_company_id uuid NOT NULL REFERENCES company (id),
        deposit_id uuid NOT NULL REFERENCES deposit (id),
        type text NOT NULL CHECK (type IN ('exploration', 'production', 'combined')),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        status text NOT NULL CHECK (status IN ${LICENCE_STATUS}),
        status_since date NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_period CHECK (valid_to > valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX licence_holder_company ON licence (holder_company_id)`);
    await queryRunner.query(`CREATE INDEX licence_deposit ON licence (deposit_id)`);
    await queryRunner.query(`CREATE INDEX licence_status ON licence (status)`);
    await queryRunner.query(`CREATE INDEX licence_valid_to ON licence (valid_to)`);
    await queryRunner.query(`
      CREATE TABLE licence_status_change (
        id bigserial PRIMARY KEY,
        licence_id uuid NOT NULL REFERENCES licence (id),
        from_status text CHECK (from_status IN ${LICENCE_STATUS}),
        to_status text NOT NULL CHECK (to_status IN ${LICENCE_STATUS}),
        effective_on date NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX licence_status_change_licence ON licence_status_change (licence_id, effective_on)`,
    );
    await queryRunner.query(`
      CREATE TABLE licence_expiry_notice (
        licence_id uuid NOT NULL REFERENCES licence (id),
        days_before int NOT NULL CHECK (days_before > 0),
        outcome text NOT NULL CHECK (outcome IN ('sent', 'skipped')),
        checked_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_expiry_notice_once PRIMARY KEY (licence_id, days_before)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE licence_expiry_notice`);
    await queryRunner.query(`DROP TABLE licence_status_change`);
    await queryRunner.query(`DROP TABLE licence`);
  }
}
