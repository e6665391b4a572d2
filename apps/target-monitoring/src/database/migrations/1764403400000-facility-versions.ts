import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `facility_version`: what each version of a facility said of its life (status, since when, first
 * commissioning) and of the deposit it processes, and when the registry made that version (`known_from`, its event's time, so that a replay
 * gives the same): the new plants as known at the end of a past day, and the deposit a plant moved away
 * from. The registry copy keeps only the
 * latest version. Facilities already known here are taken as known from the start of time, as they were
 * counted before; a rebuild from the topics gives them their real history.
 */
export class FacilityVersions1764403400000 implements MigrationInterface {
  name = 'FacilityVersions1764403400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE facility_version (
        facility_id uuid NOT NULL,
        version int NOT NULL,
        known_from timestamptz NOT NULL,
        status text NOT NULL,
        status_since date NOT NULL,
        commissioned_on date,
        deposit_id uuid,
        PRIMARY KEY (facility_id, version)
      )`);
    await queryRunner.query(
      `INSERT INTO facility_version (facility_id, version, known_from, status, status_since, commissioned_on, deposit_id)
       SELECT facility_id, version, '-infinity', status, status_since, commissioned_on, deposit_id
         FROM registry_facility`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE facility_version`);
  }
}
