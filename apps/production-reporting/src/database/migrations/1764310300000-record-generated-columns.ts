import type { MigrationInterface, QueryRunner } from 'typeorm';
import { forgetGeneratedColumn, type GeneratedColumn, recordGeneratedColumn } from '@redmet/platform';

/** `report.site_id`: the report's site, its facility or else its deposit. The expression must stay the one on the `Report` entity. */
const GENERATED: GeneratedColumn = {
  table: 'report',
  column: 'site_id',
  expression: 'coalesce(facility_id, deposit_id)',
};

/** Records for TypeORM a generated column an earlier migration created in SQL (see `recordGeneratedColumn`). */
export class RecordGeneratedColumns1764310300000 implements MigrationInterface {
  name = 'RecordGeneratedColumns1764310300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await recordGeneratedColumn(queryRunner, GENERATED);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await forgetGeneratedColumn(queryRunner, GENERATED);
  }
}
