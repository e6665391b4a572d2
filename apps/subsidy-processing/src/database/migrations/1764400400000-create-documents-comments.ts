import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDocumentsComments1764400400000 implements MigrationInterface {
  name = 'CreateDocumentsComments1764400400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE claim_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claim (id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX claim_document_claim ON claim_document (claim_id, uploaded_at)`);
    await queryRunner.query(`
      CREATE TABLE claim_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claim (id),
        visibility text NOT NULL CHECK (visibility IN ('internal', 'producer')),
        text text NOT NULL,
        author_id text NOT NULL,
        author_name text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX claim_comment_claim ON claim_comment (claim_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE claim_comment`);
    await queryRunner.query(`DROP TABLE claim_document`);
  }
}
