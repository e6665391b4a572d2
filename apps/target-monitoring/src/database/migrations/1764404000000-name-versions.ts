import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The names of companies, deposits and plants as the registry had them at the end of a past day, for figures
 * shown by company or site as known then: `company_version` and `deposit_version` keep each version's name and
 * when the registry made it (its event's time, so that a replay gives the same), and `facility_version` keeps
 * each version's name beside what it said of the plant's life. The registry copy keeps only the latest.
 *
 * Companies and deposits already known here are taken as known from the start, as the facility and product
 * versions took theirs. A facility version kept before names were holds none, but for the version the copy
 * holds, whose name it has; `name` stays nullable, also because instances of the release before write
 * versions without it during a rolling upgrade (they would fail on a required column). A rebuild from the
 * topics gives every version its name.
 */
export class NameVersions1764404000000 implements MigrationInterface {
  name = 'NameVersions1764404000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE company_version (
        company_id uuid NOT NULL,
        version int NOT NULL,
        known_from timestamptz NOT NULL,
        legal_name text NOT NULL,
        PRIMARY KEY (company_id, version)
      )`);
    await queryRunner.query(
      `INSERT INTO company_version (company_id, version, known_from, legal_name)
       SELECT company_id, version, '-infinity', legal_name FROM registry_company`,
    );
    await queryRunner.query(`
      CREATE TABLE deposit_version (
        deposit_id uuid NOT NULL,
        version int NOT NULL,
        known_from timestamptz NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (deposit_id, version)
      )`);
    await queryRunner.query(
      `INSERT INTO deposit_version (deposit_id, version, known_from, name)
       SELECT deposit_id, version, '-infinity', name FROM registry_deposit`,
    );
    await queryRunner.query(`ALTER TABLE facility_version ADD COLUMN name text`);
    await queryRunner.query(
      `UPDATE facility_version v SET name = f.name
         FROM registry_facility f WHERE f.facility_id = v.facility_id AND f.version = v.version`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility_version DROP COLUMN name`);
    await queryRunner.query(`DROP TABLE deposit_version`);
    await queryRunner.query(`DROP TABLE company_version`);
  }
}
