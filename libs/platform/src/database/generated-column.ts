import type { QueryRunner } from 'typeorm';

export interface GeneratedColumn {
  table: string;
  column: string;
  /** Exactly the `asExpression` of the column's entity decorator. */
  expression: string;
}

/**
 * TypeORM reads a generated column's expression from its own `typeorm_metadata`
 * table, not from PostgreSQL's catalogue: a column created in SQL and not
 * recorded there is one a schema diff would drop and add again. Records it as
 * TypeORM itself would have (the table is TypeORM's, created if missing).
 */
export async function recordGeneratedColumn(queryRunner: QueryRunner, generated: GeneratedColumn): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE IF NOT EXISTS typeorm_metadata (
      "type" varchar NOT NULL,
      "database" varchar,
      "schema" varchar,
      "table" varchar,
      "name" varchar,
      "value" text
    )`);
  await queryRunner.query(
    `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
     SELECT 'GENERATED_COLUMN', current_database(), current_schema(), $1::varchar, $2::varchar, $3::text
      WHERE NOT EXISTS (SELECT FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = $1 AND "name" = $2)`,
    [generated.table, generated.column, generated.expression],
  );
}

export async function forgetGeneratedColumn(
  queryRunner: QueryRunner,
  { table, column }: GeneratedColumn,
): Promise<void> {
  await queryRunner.query(
    `DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = $1 AND "name" = $2`,
    [table, column],
  );
}
