import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM reads a generated column's expression from its own `typeorm_metadata` table,
 * not from PostgreSQL's catalogue. `claim.clawback_outstanding_kopecks` was added in SQL
 * and never recorded there, so a schema diff (`migration:generate`) would drop the
 * column and add it again. This records it as TypeORM would have; the table is
 * TypeORM's own. The expression must stay the one on the `Claim` entity.
 */
export class RecordGeneratedColumns1764401100000 implements MigrationInterface {
  name = 'RecordGeneratedColumns1764401100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar,
        "schema" varchar,
        "table" varchar,
        "name" varchar,
        "value" text
      )`);
    await queryRunner.query(`
      INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
      SELECT 'GENERATED_COLUMN', current_database(), current_schema(), 'claim', 'clawback_outstanding_kopecks',
             'clawback_kopecks - coalesce(clawback_settled_kopecks, 0)'
       WHERE NOT EXISTS (SELECT FROM typeorm_metadata
                          WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'claim'
                            AND "name" = 'clawback_outstanding_kopecks')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM typeorm_metadata
       WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'claim' AND "name" = 'clawback_outstanding_kopecks'`);
  }
}
