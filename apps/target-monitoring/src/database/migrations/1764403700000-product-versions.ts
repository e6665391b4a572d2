import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `product_version`: what each version of a catalogue entry said (name, elements, tonnage class, HS code) and
 * when the registry made it (its event's time, so that a replay gives the same): the catalogue as known at
 * the end of a past day, which customs figures are attributed by (their HS code) and output is counted
 * under (its elements). The registry copy keeps only the latest version. Products already known here are
 * taken as known from the start of time, as they were counted before; a rebuild from the topics gives them
 * their real history.
 */
export class ProductVersions1764403700000 implements MigrationInterface {
  name = 'ProductVersions1764403700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE product_version (
        product_code text NOT NULL,
        version int NOT NULL,
        known_from timestamptz NOT NULL,
        name text NOT NULL,
        elements text[] NOT NULL,
        tonnage_class text NOT NULL,
        hs_code text NOT NULL,
        PRIMARY KEY (product_code, version)
      )`);
    await queryRunner.query(
      `INSERT INTO product_version (product_code, version, known_from, name, elements, tonnage_class, hs_code)
       SELECT code, version, '-infinity', name, elements, tonnage_class, hs_code FROM registry_product`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product_version`);
  }
}
