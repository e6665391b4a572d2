import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deposit and a plant are known by their name in their region, as the state registers list them: a second
 * record with both the same is the first registered again (a double click, a request retried after a
 * timeout), which the registry would otherwise publish as a second deposit or plant. Fails, naming the pair,
 * where such copies are already registered: merge them first.
 */
export class DepositAndFacilityNames1764402300000 implements MigrationInterface {
  name = 'DepositAndFacilityNames1764402300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deposit ADD CONSTRAINT deposit_name_region_unique UNIQUE (region, name)`);
    await queryRunner.query(`ALTER TABLE facility ADD CONSTRAINT facility_name_region_unique UNIQUE (region, name)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility DROP CONSTRAINT facility_name_region_unique`);
    await queryRunner.query(`ALTER TABLE deposit DROP CONSTRAINT deposit_name_region_unique`);
  }
}
