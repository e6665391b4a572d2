import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1764300300000 implements MigrationInterface {
  name = 'CreateProducts1764300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product (
        code text CONSTRAINT product_pkey PRIMARY KEY CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'),
        name text NOT NULL,
        elements text[] NOT NULL CHECK (cardinality(elements) > 0),
        tonnage_class text NOT NULL CHECK (tonnage_class IN ('large', 'small')),
        hs_code text NOT NULL CHECK (hs_code ~ '^\\d{4}(\\.\\d{2}){0,2}$'),
        unit text NOT NULL CHECK (unit IN ('t', 'kg')),
        metal_content_basis text NOT NULL,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX product_elements ON product USING gin (elements)`);
    await queryRunner.query(`CREATE INDEX product_tonnage_class ON product (tonnage_class)`);
    // text_pattern_ops serves the prefix search (hs_code LIKE '2846%').
    await queryRunner.query(`CREATE INDEX product_hs_code ON product (hs_code text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product`);
  }
}
