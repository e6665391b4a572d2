import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `facility_version.restart_of`: the closed plant a facility brings back, as its version said. The registry
 * does not reopen a closed plant but registers it again, so a restart counts as a new plant only if the
 * plant it brings back would have. Versions kept before hold none: the registry could not bring a plant back
 * before it named one, so none of them does. Nullable, also because instances of the release before write
 * versions without it during a rolling upgrade; a rebuild from the topics gives every version its own. Every
 * count of new plants asks of each plant whether a version brings it back; few versions name one, so only
 * those are indexed.
 */
export class FacilityRestarts1764404100000 implements MigrationInterface {
  name = 'FacilityRestarts1764404100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility_version ADD COLUMN restart_of uuid`);
    await queryRunner.query(
      `CREATE INDEX facility_version_restart_of ON facility_version (restart_of) WHERE restart_of IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX facility_version_restart_of`);
    await queryRunner.query(`ALTER TABLE facility_version DROP COLUMN restart_of`);
  }
}
