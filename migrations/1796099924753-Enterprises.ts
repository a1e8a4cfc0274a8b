import { MigrationInterface, QueryRunner } from 'typeorm';

export class Enterprises1796099924753 implements MigrationInterface {
  name = 'Enterprises1796099924753';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'enterprise', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name || '' '' || coalesce(tax_code, ''''))')`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "name" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || coalesce(tax_code, ''))) STORED NOT NULL, "tax_code" text, "legal_form" text NOT NULL, "address" text, "admin_unit_id" uuid NOT NULL, "sector" text, "contact_name" text COLLATE "vi-x-icu", "phone" text, "email" text, "website" text, CONSTRAINT "ck_enterprise_tax_code" CHECK (tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'), CONSTRAINT "ck_enterprise_legal_form" CHECK (legal_form IN ('llc', 'joint_stock', 'private', 'partnership', 'cooperative', 'other')), CONSTRAINT "pk_enterprise" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_enterprise_name" ON "enterprise"  ("name")`);
    await queryRunner.query(
      `CREATE INDEX "ix_enterprise_admin_unit" ON "enterprise"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_enterprise_tax_code" ON "enterprise"  ("tax_code") WHERE deleted_at IS NULL AND tax_code IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "st_enterprise_certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "enterprise_id" uuid NOT NULL, "certificate_number" text NOT NULL, "issued_on" date NOT NULL, "issuer_organisation_id" uuid NOT NULL, "st_result" text, "status" text NOT NULL, "ended_on" date, "end_reason" text, CONSTRAINT "ck_st_certificate_end" CHECK ((status = 'valid') = (ended_on IS NULL) AND (ended_on IS NULL) = (end_reason IS NULL) AND ended_on >= issued_on), CONSTRAINT "ck_st_certificate_status" CHECK (status IN ('valid', 'revoked', 'expired')), CONSTRAINT "pk_st_enterprise_certificate" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_st_certificate_issuer" ON "st_enterprise_certificate"  ("issuer_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_st_certificate_validity" ON "st_enterprise_certificate"  ("issued_on", "ended_on")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_st_certificate_enterprise" ON "st_enterprise_certificate"  ("enterprise_id", "status")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_st_certificate_number" ON "st_enterprise_certificate"  ("issuer_organisation_id", "certificate_number") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "support_need" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "enterprise_id" uuid NOT NULL, "category" text NOT NULL, "description" text NOT NULL, "reported_on" date NOT NULL, "status" text NOT NULL, "confirmed_on" date, "confirmation_note" text, "resolved_on" date, "resolution_note" text, CONSTRAINT "ck_support_need_steps" CHECK ((confirmed_on IS NULL) = (confirmation_note IS NULL) AND (resolved_on IS NULL) = (resolution_note IS NULL) AND (resolved_on IS NULL) = (status IN ('reported', 'confirmed')) AND (status <> 'reported' OR confirmed_on IS NULL) AND (status NOT IN ('confirmed', 'supported') OR confirmed_on IS NOT NULL) AND confirmed_on >= reported_on AND resolved_on >= coalesce(confirmed_on, reported_on)), CONSTRAINT "ck_support_need_status" CHECK (status IN ('reported', 'confirmed', 'supported', 'declined')), CONSTRAINT "ck_support_need_category" CHECK (category IN ('quality_standards', 'intellectual_property', 'technology_innovation', 'funding', 'training', 'other')), CONSTRAINT "pk_support_need" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_need_status" ON "support_need"  ("status", "category")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_support_need_enterprise" ON "support_need"  ("enterprise_id", "status")`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "fk_enterprise_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "st_enterprise_certificate" ADD CONSTRAINT "fk_st_enterprise_certificate_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "st_enterprise_certificate" ADD CONSTRAINT "fk_st_enterprise_certificate_issuer_organisation_id" FOREIGN KEY ("issuer_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_need" ADD CONSTRAINT "fk_support_need_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Search by name or tax code ignoring diacritics (trigram index, not known to TypeORM).
    await queryRunner.query(
      `CREATE INDEX "ix_enterprise_search" ON "enterprise" USING gin ("search_key" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_search"`);
    await queryRunner.query(
      `ALTER TABLE "support_need" DROP CONSTRAINT "fk_support_need_enterprise_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "st_enterprise_certificate" DROP CONSTRAINT "fk_st_enterprise_certificate_issuer_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "st_enterprise_certificate" DROP CONSTRAINT "fk_st_enterprise_certificate_enterprise_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" DROP CONSTRAINT "fk_enterprise_admin_unit_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_support_need_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."ix_support_need_status"`);
    await queryRunner.query(`DROP TABLE "support_need"`);
    await queryRunner.query(`DROP INDEX "public"."uq_st_certificate_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_st_certificate_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."ix_st_certificate_validity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_st_certificate_issuer"`);
    await queryRunner.query(`DROP TABLE "st_enterprise_certificate"`);
    await queryRunner.query(`DROP INDEX "public"."uq_enterprise_tax_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_name"`);
    await queryRunner.query(`DROP TABLE "enterprise"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'enterprise'`,
    );
  }
}
