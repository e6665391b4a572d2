import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeposits1764300200000 implements MigrationInterface {
  name = 'CreateDeposits1764300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deposit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        region text NOT NULL,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        metals text[] NOT NULL CHECK (cardinality(metals) > 0),
        status text NOT NULL CHECK (status IN ('exploration', 'development', 'producing')),
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX deposit_name ON deposit (name, id)`);
    await queryRunner.query(`CREATE INDEX deposit_region ON deposit (region)`);
    await queryRunner.query(`CREATE INDEX deposit_status ON deposit (status)`);
    await queryRunner.query(`CREATE INDEX deposit_metals ON deposit USING gin (metals)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE deposit`);
  }
}
