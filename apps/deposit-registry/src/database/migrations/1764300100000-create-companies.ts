import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCompanies1764300100000 implements MigrationInterface {
  name = 'CreateCompanies1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE company (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name text NOT NULL,
        inn text NOT NULL CONSTRAINT company_inn_unique UNIQUE,
        ogrn text CONSTRAINT company_ogrn_unique UNIQUE,
        region text,
        contact_email text,
        status text NOT NULL CHECK (status IN ('active', 'in_liquidation', 'liquidated')),
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX company_legal_name ON company (lower(legal_name))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE company`);
  }
}
