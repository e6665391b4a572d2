import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the change made under a claim committed: set in the change's own transaction, so that a key
 * whose answer was lost after the commit is never taken over and run again.
 */
export class FenceIdempotentRequests1764600000000 implements MigrationInterface {
  name = 'FenceIdempotentRequests1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable, no default: only a catalogue change, whatever the table holds.
    await queryRunner.query(`ALTER TABLE idempotent_request ADD COLUMN committed_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotent_request DROP COLUMN committed_at`);
  }
}
