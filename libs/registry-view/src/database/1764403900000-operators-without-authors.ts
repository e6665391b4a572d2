import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facility events name who recorded each hand-over (`handedOverBy`); this copy keeps who ran a plant when,
 * not who recorded it. A release of this library from before the field stored the list as it came, so rows
 * written while the registry was upgraded first may hold the names: they are dropped here.
 */
export class OperatorsWithoutAuthors1764403900000 implements MigrationInterface {
  name = 'OperatorsWithoutAuthors1764403900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE registry_facility
         SET operators = (SELECT jsonb_agg(period - 'handedOverBy' ORDER BY position)
                            FROM jsonb_array_elements(operators) WITH ORDINALITY AS p(period, position))
       WHERE jsonb_path_exists(operators, '$[*].handedOverBy')`);
  }

  async down(): Promise<void> {
    // The names are not kept anywhere here to put back; nothing read them.
  }
}
