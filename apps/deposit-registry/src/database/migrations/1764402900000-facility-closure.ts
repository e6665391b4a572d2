import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `('planned', 'under_construction', 'commissioned', 'modernised')`;
const AFTER = `('planned', 'under_construction', 'commissioned', 'modernised', 'closed')`;

/**
 * A plant can close for good. One closed before it was commissioned keeps no
 * commissioning day; one closed after keeps its own, since it counted as a new
 * plant until then.
 */
export class FacilityClosure1764402900000 implements MigrationInterface {
  name = 'FacilityClosure1764402900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.statuses(queryRunner, AFTER);
    await queryRunner.query(`ALTER TABLE facility DROP CONSTRAINT facility_commissioned`);
    await queryRunner.query(
      `ALTER TABLE facility ADD CONSTRAINT facility_commissioned CHECK (status = 'closed' OR (commissioned_on IS NULL) = (status IN ('planned', 'under_construction')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE facility DROP CONSTRAINT facility_commissioned`);
    await queryRunner.query(
      `ALTER TABLE facility ADD CONSTRAINT facility_commissioned CHECK ((commissioned_on IS NULL) = (status IN ('planned', 'under_construction')))`,
    );
    await this.statuses(queryRunner, BEFORE);
  }

  private async statuses(queryRunner: QueryRunner, allowed: string): Promise<void> {
    for (const [table, column] of [
      ['facility', 'status'],
      ['facility_status_change', 'from_status'],
      ['facility_status_change', 'to_status'],
    ]) {
      const constraint = `${table}_${column}_check`;
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
      await queryRunner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (${column} IN ${allowed})`);
    }
  }
}
