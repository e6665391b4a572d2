import type { MigrationInterface, QueryRunner } from 'typeorm';
import { forgetGeneratedColumn, type GeneratedColumn, recordGeneratedColumn } from '@redmet/platform';

/** `claim.clawback_outstanding_kopecks`: what is still owed of a clawback demand. The expression must stay the one on the `Claim` entity. */
const GENERATED: GeneratedColumn = {
  table: 'claim',
  column: 'clawback_outstanding_kopecks',
  expression: 'clawback_kopecks - coalesce(clawback_settled_kopecks, 0)',
};

/** Records for TypeORM a generated column an earlier migration created in SQL (see `recordGeneratedColumn`). */
export class RecordGeneratedColumns1764401100000 implements MigrationInterface {
  name = 'RecordGeneratedColumns1764401100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await recordGeneratedColumn(queryRunner, GENERATED);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await forgetGeneratedColumn(queryRunner, GENERATED);
  }
}
