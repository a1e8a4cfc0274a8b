import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, tokens, login throttling, the audit trail, and the registry (administrative units and
 * their successors, organisations, people). The entity part was generated from the entities; the
 * extensions, the search-key function and the trigram indexes are written by hand.
 */
export class PlatformAndRegistry1795604866491 implements MigrationInterface {
  name = 'PlatformAndRegistry1795604866491';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // The diacritic-free search key: unaccent (which maps đ/Đ to d/D too), lower case, single
    // spaces, trimmed. IMMUTABLE (the dictionary is named) so generated columns and indexes may use it.
    await queryRunner.query(
      `CREATE FUNCTION f_search_key(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '\\s+', ' ', 'g'))`,
    );
    // Where TypeORM keeps the expressions of generated columns.
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`,
    );
    // Failed logins per username and per address (rate-limiter-flexible's table), shared by replicas.
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "action" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_seq" ON "audit_event"  ("seq")`);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("entity_type", "entity_id", "seq")`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "username" text NOT NULL, "password_hash" text NOT NULL, "full_name" text COLLATE "vi-x-icu" NOT NULL, "role" text NOT NULL, "organisation_id" uuid, "admin_unit_id" uuid, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_app_user_role" CHECK (role IN ('admin', 'department_staff', 'unit_staff', 'district_officer', 'leadership')), CONSTRAINT "pk_app_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_app_user_organisation" ON "app_user"  ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_app_user_admin_unit" ON "app_user"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user"  ("username")`,
    );
    await queryRunner.query(
      `CREATE TABLE "access_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_access_token" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_access_token_hash" ON "access_token"  ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_access_token_user" ON "access_token"  ("user_id")`);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'admin_unit', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "admin_unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "code" text NOT NULL, "name" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(name)) STORED NOT NULL, "level" text NOT NULL, "subtype" text NOT NULL, "parent_id" uuid, "valid_from" date, "valid_to" date, CONSTRAINT "ck_admin_unit_validity" CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to), CONSTRAINT "ck_admin_unit_subtype" CHECK (subtype IN ('tinh', 'thanh_pho', 'quan', 'huyen', 'thi_xa', 'phuong', 'xa', 'thi_tran', 'dac_khu')), CONSTRAINT "ck_admin_unit_level" CHECK (level IN ('province', 'district', 'commune')), CONSTRAINT "xc_admin_unit_code_in_force" EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (deleted_at IS NULL), CONSTRAINT "pk_admin_unit" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_admin_unit_level_name" ON "admin_unit"  ("level", "name")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_admin_unit_code" ON "admin_unit"  ("code")`);
    await queryRunner.query(`CREATE INDEX "ix_admin_unit_parent" ON "admin_unit"  ("parent_id")`);
    await queryRunner.query(
      `CREATE TABLE "admin_unit_successor" ("predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL, CONSTRAINT "pk_admin_unit_successor" PRIMARY KEY ("predecessor_id", "successor_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_admin_unit_successor_successor" ON "admin_unit_successor"  ("successor_id")`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'organisation', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name || '' '' || coalesce(short_name, ''''))')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "name" text COLLATE "vi-x-icu" NOT NULL, "short_name" text COLLATE "vi-x-icu", "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(short_name, ''))) STORED NOT NULL, "kind" text NOT NULL, "admin_unit_id" uuid, "parent_id" uuid, CONSTRAINT "ck_organisation_kind" CHECK (kind IN ('department', 'department_unit', 'district_committee', 'district_office', 'commune_committee', 'university', 'research_institute', 'enterprise', 'cooperative', 'association', 'other')), CONSTRAINT "pk_organisation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_kind_name" ON "organisation"  ("kind", "name")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_parent" ON "organisation"  ("parent_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_organisation_admin_unit" ON "organisation"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'person', 'GENERATED_COLUMN', 'search_key', 'f_search_key(full_name)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "full_name" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(full_name)) STORED NOT NULL, "position" text, "organisation_id" uuid, "email" text, "phone" text, CONSTRAINT "pk_person" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_person_organisation" ON "person"  ("organisation_id")`,
    );
    // The default sorts of the organisation and people lists.
    await queryRunner.query(`CREATE INDEX "ix_organisation_name" ON "organisation" ("name")`);
    await queryRunner.query(`CREATE INDEX "ix_person_full_name" ON "person" ("full_name")`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_token" ADD CONSTRAINT "fk_access_token_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_unit" ADD CONSTRAINT "fk_admin_unit_parent_id" FOREIGN KEY ("parent_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_unit_successor" ADD CONSTRAINT "fk_admin_unit_successor_predecessor_id" FOREIGN KEY ("predecessor_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_unit_successor" ADD CONSTRAINT "fk_admin_unit_successor_successor_id" FOREIGN KEY ("successor_id") REFERENCES "admin_unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_parent_id" FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "fk_person_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of ['admin_unit', 'organisation', 'person']) {
      await queryRunner.query(
        `CREATE INDEX "ix_${table}_search" ON "${table}" USING gin ("search_key" gin_trgm_ops)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['admin_unit', 'organisation', 'person']) {
      await queryRunner.query(`DROP INDEX "ix_${table}_search"`);
    }
    await queryRunner.query(`DROP INDEX "ix_person_full_name"`);
    await queryRunner.query(`DROP INDEX "ix_organisation_name"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "fk_person_organisation_id"`);
    await queryRunner.query(
      `ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_parent_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation" DROP CONSTRAINT "fk_organisation_admin_unit_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_unit_successor" DROP CONSTRAINT "fk_admin_unit_successor_successor_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_unit_successor" DROP CONSTRAINT "fk_admin_unit_successor_predecessor_id"`,
    );
    await queryRunner.query(`ALTER TABLE "admin_unit" DROP CONSTRAINT "fk_admin_unit_parent_id"`);
    await queryRunner.query(`ALTER TABLE "access_token" DROP CONSTRAINT "fk_access_token_user_id"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_admin_unit_id"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_person_organisation"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'person'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organisation_kind_name"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'organisation'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_admin_unit_successor_successor"`);
    await queryRunner.query(`DROP TABLE "admin_unit_successor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_admin_unit_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_admin_unit_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_admin_unit_level_name"`);
    await queryRunner.query(`DROP TABLE "admin_unit"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'admin_unit'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_access_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_access_token_hash"`);
    await queryRunner.query(`DROP TABLE "access_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_username"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_organisation"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_seq"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP TABLE "typeorm_metadata"`);
    await queryRunner.query(`DROP FUNCTION f_search_key(text)`);
  }
}
