import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed plant brought back is registered again, and names the plant it brings back: it is an existing
 * site, not a new plant toward the national target. A closed plant is brought back at most once (the unique
 * key), so one site has one line of successors. Plants registered before this bring none back.
 */
export class FacilityRestarts1764404200000 implements MigrationInterface {
  name = 'FacilityRestarts1764404200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility ADD COLUMN restart_of uuid`);
    await queryRunner.query(
      `ALTER TABLE facility ADD CONSTRAINT facility_restart_of_fkey FOREIGN KEY (restart_of) REFERENCES facility (id)`,
    );
    await queryRunner.query(`ALTER TABLE facility ADD CONSTRAINT facility_restart_of_unique UNIQUE (restart_of)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility DROP COLUMN restart_of`);
  }
}
