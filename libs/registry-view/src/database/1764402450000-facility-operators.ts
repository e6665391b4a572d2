import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who ran a plant when, as the registry's facility events list them; null for
 * a facility whose events came before the list (its operator ran it throughout).
 */
export class FacilityOperatorsView1764402450000 implements MigrationInterface {
  name = 'FacilityOperatorsView1764402450000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE registry_facility ADD COLUMN operators jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE registry_facility DROP COLUMN operators`);
  }
}
