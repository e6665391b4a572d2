import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relied-on figures as the officers approved them, beside the ones the
 * approved amount rests on now (lowered before payment, they move), so that a
 * report going back up can raise the amount again. An approval lowered before
 * this migration has lost them: its columns stay null and it is never raised.
 */
export class ReliedFiguresAsApproved1764401000000 implements MigrationInterface {
  name = 'ReliedFiguresAsApproved1764401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim_relied_report
        ADD COLUMN approved_version int,
        ADD COLUMN approved_metal_content_tonnes numeric,
        ADD COLUMN approved_quantity_tonnes numeric,
        ADD CONSTRAINT claim_relied_report_approved_figures CHECK (
          (approved_version IS NULL) = (approved_metal_content_tonnes IS NULL)
          AND (approved_version IS NULL) = (approved_quantity_tonnes IS NULL))`);
    await queryRunner.query(`
      UPDATE claim_relied_report r
         SET approved_version = r.version,
             approved_metal_content_tonnes = r.metal_content_tonnes,
             approved_quantity_tonnes = r.quantity_tonnes
        FROM claim c
       WHERE c.id = r.claim_id AND c.originally_approved_kopecks IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE claim_relied_report
        DROP CONSTRAINT claim_relied_report_approved_figures,
        DROP COLUMN approved_version,
        DROP COLUMN approved_metal_content_tonnes,
        DROP COLUMN approved_quantity_tonnes`);
  }
}
