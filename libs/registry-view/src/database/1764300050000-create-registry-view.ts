import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry read model, in every service that keeps one. */
export class CreateRegistryView1764300050000 implements MigrationInterface {
  name = 'CreateRegistryView1764300050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE registry_company (
        company_id uuid PRIMARY KEY,
        legal_name text NOT NULL,
        inn text NOT NULL,
        region text,
        status text NOT NULL,
        version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_deposit (
        deposit_id uuid PRIMARY KEY,
        name text NOT NULL,
        region text NOT NULL,
        metals text[] NOT NULL,
        status text NOT NULL,
        version int NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_licence (
        licence_id uuid PRIMARY KEY,
        number text NOT NULL,
        holder_company_id uuid NOT NULL,
        deposit_id uuid NOT NULL,
        type text NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        status text NOT NULL,
        status_since date NOT NULL,
        version int NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX registry_licence_holder_deposit ON registry_licence (holder_company_id, deposit_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE registry_licence_status (
        licence_id uuid NOT NULL,
        version int NOT NULL,
        status text NOT NULL,
        status_since date NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        PRIMARY KEY (licence_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE registry_facility (
        facility_id uuid PRIMARY KEY,
        name text NOT NULL,
        operator_company_id uuid NOT NULL,
        deposit_id uuid,
        region text NOT NULL,
        product_codes text[] NOT NULL,
        capacity_tonnes_per_year numeric,
        status text NOT NULL,
        status_since date NOT NULL,
        commissioned_on date,
        version int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX registry_facility_operator ON registry_facility (operator_company_id)`);
    await queryRunner.query(`
      CREATE TABLE registry_product (
        code text PRIMARY KEY,
        name text NOT NULL,
        elements text[] NOT NULL,
        tonnage_class text NOT NULL,
        hs_code text NOT NULL,
        unit text NOT NULL,
        metal_content_basis text NOT NULL,
        version int NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'registry_product',
      'registry_facility',
      'registry_licence_status',
      'registry_licence',
      'registry_deposit',
      'registry_company',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
