import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM reads a generated column's expression from its own `typeorm_metadata` table,
 * not from PostgreSQL's catalogue. `report.site_id` was created in SQL and never
 * recorded there, so a schema diff (`migration:generate`) would drop the column and
 * add it again. This records it as TypeORM would have; the table is TypeORM's own.
 * The expression must stay the one on the `Report` entity.
 */
export class RecordGeneratedColumns1764310300000 implements MigrationInterface {
  name = 'RecordGeneratedColumns1764310300000';

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
      SELECT 'GENERATED_COLUMN', current_database(), current_schema(), 'report', 'site_id', 'coalesce(facility_id, deposit_id)'
       WHERE NOT EXISTS (SELECT FROM typeorm_metadata
                          WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'report' AND "name" = 'site_id')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'report' AND "name" = 'site_id'`,
    );
  }
}
