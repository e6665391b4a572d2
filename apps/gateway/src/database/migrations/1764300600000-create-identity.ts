import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1764300600000 implements MigrationInterface {
  name = 'CreateIdentity1764300600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CONSTRAINT app_user_username_unique UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        company_id uuid,
        disabled boolean NOT NULL DEFAULT false,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_producer_has_company CHECK (NOT ('producer' = ANY (roles)) OR company_id IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX refresh_token_user ON refresh_token (user_id)`);
    await queryRunner.query(`
      CREATE TABLE auth_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_id text,
        subject text,
        client_ip text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX auth_audit_subject ON auth_audit (subject, at)`);
    // The audit trail is evidence: nobody edits or deletes it, the application included.
    await queryRunner.query(`
      CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auth_audit is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER auth_audit_append_only BEFORE UPDATE OR DELETE ON auth_audit
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE auth_audit`);
    await queryRunner.query(`DROP FUNCTION forbid_audit_change()`);
    await queryRunner.query(`DROP TABLE refresh_token`);
    await queryRunner.query(`DROP TABLE app_user`);
  }
}
