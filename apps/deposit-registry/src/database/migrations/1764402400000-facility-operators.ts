import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who ran a plant when: reports, obligations and claims are judged by the
 * operator of their months, not by today's. A facility registered before this
 * has had one operator from the start.
 */
export class FacilityOperators1764402400000 implements MigrationInterface {
  name = 'FacilityOperators1764402400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility ADD COLUMN operators jsonb`);
    await queryRunner.query(
      `UPDATE facility SET operators = jsonb_build_array(jsonb_build_object('operatorCompanyId', operator_company_id, 'since', null))`,
    );
    await queryRunner.query(`ALTER TABLE facility ALTER COLUMN operators SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility DROP COLUMN operators`);
  }
}
