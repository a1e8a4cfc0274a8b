import { MigrationInterface, QueryRunner } from 'typeorm';

export class IpRegistrations1796100053790 implements MigrationInterface {
  name = 'IpRegistrations1796100053790';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'ip_registration', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name || '' '' || product || '' '' || coalesce(application_number, '''') || '' '' || coalesce(certificate_number, ''''))')`,
    );
    await queryRunner.query(
      `CREATE TABLE "ip_registration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "kind" text NOT NULL, "name" text COLLATE "vi-x-icu" NOT NULL, "product" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || product || ' ' || coalesce(application_number, '') || ' ' || coalesce(certificate_number, ''))) STORED NOT NULL, "nice_classes" integer array NOT NULL, "owner_organisation_id" uuid, "admin_unit_id" uuid NOT NULL, "supporting_organisation_id" uuid, "programme_id" uuid, "support_year" integer, "notes" text, "status" text NOT NULL DEFAULT 'preparing', "status_since" date, "application_number" text, "filing_date" date, "accepted_on" date, "published_on" date, "certificate_number" text, "grant_date" date, "expires_on" date, "renewal_count" integer NOT NULL DEFAULT '0', "renewal_opens_on" date, "renewal_closes_on" date, "examination_stage" text, "examination_due_on" date, CONSTRAINT "ck_ip_registration_renewal_count" CHECK (renewal_count >= 0), CONSTRAINT "ck_ip_registration_examination" CHECK ((examination_stage IS NULL) = (examination_due_on IS NULL) AND (examination_stage IS NULL OR examination_stage IN ('formality', 'publication', 'substantive'))), CONSTRAINT "ck_ip_registration_support_year" CHECK (support_year IS NULL OR support_year BETWEEN 2000 AND 2100), CONSTRAINT "ck_ip_registration_nice_classes" CHECK (cardinality(nice_classes) BETWEEN 1 AND 45 AND 1 <= ALL (nice_classes) AND 45 >= ALL (nice_classes)), CONSTRAINT "ck_ip_registration_status" CHECK (status IN ('preparing', 'filed', 'formality_accepted', 'published', 'granted', 'renewed', 'refused', 'withdrawn', 'expired')), CONSTRAINT "ck_ip_registration_kind" CHECK (kind IN ('trademark', 'collective_mark', 'certification_mark', 'geographical_indication')), CONSTRAINT "pk_ip_registration" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_name" ON "ip_registration"  ("name")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_examination_due" ON "ip_registration"  ("examination_due_on")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_status" ON "ip_registration"  ("status", "expires_on")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_programme" ON "ip_registration"  ("programme_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_supporting" ON "ip_registration"  ("supporting_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_owner" ON "ip_registration"  ("owner_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_admin_unit" ON "ip_registration"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ip_registration_certificate_number" ON "ip_registration"  ("certificate_number") WHERE deleted_at IS NULL AND certificate_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ip_registration_application_number" ON "ip_registration"  ("application_number") WHERE deleted_at IS NULL AND application_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "ip_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "registration_id" uuid NOT NULL, "sequence" integer NOT NULL, "type" text NOT NULL, "date" date NOT NULL, "application_number" text, "certificate_number" text, "reference" text, "note" text, "voids_event_id" uuid, "reason" text, CONSTRAINT "ck_ip_event_sequence" CHECK (sequence >= 1), CONSTRAINT "ck_ip_event_void" CHECK ((type = 'voided') = (voids_event_id IS NOT NULL) AND (type <> 'voided' OR reason IS NOT NULL)), CONSTRAINT "ck_ip_event_type" CHECK (type IN ('filed', 'formality_accepted', 'formality_refused', 'published', 'granted', 'refused', 'withdrawn', 'renewed', 'expired', 'voided')), CONSTRAINT "pk_ip_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ip_event_voids" ON "ip_event"  ("voids_event_id") WHERE voids_event_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_ip_event_sequence" ON "ip_event"  ("registration_id", "sequence")`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" ADD CONSTRAINT "fk_ip_registration_owner_organisation_id" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" ADD CONSTRAINT "fk_ip_registration_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" ADD CONSTRAINT "fk_ip_registration_supporting_organisation_id" FOREIGN KEY ("supporting_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" ADD CONSTRAINT "fk_ip_registration_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_event" ADD CONSTRAINT "fk_ip_event_registration_id" FOREIGN KEY ("registration_id") REFERENCES "ip_registration"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_event" ADD CONSTRAINT "fk_ip_event_voids_event_id" FOREIGN KEY ("voids_event_id") REFERENCES "ip_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Search by the mark's name, product and numbers ignoring diacritics (trigram index, not known to TypeORM).
    await queryRunner.query(
      `CREATE INDEX "ix_ip_registration_search" ON "ip_registration" USING gin ("search_key" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_search"`);
    await queryRunner.query(`ALTER TABLE "ip_event" DROP CONSTRAINT "fk_ip_event_voids_event_id"`);
    await queryRunner.query(`ALTER TABLE "ip_event" DROP CONSTRAINT "fk_ip_event_registration_id"`);
    await queryRunner.query(
      `ALTER TABLE "ip_registration" DROP CONSTRAINT "fk_ip_registration_programme_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" DROP CONSTRAINT "fk_ip_registration_supporting_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" DROP CONSTRAINT "fk_ip_registration_admin_unit_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "ip_registration" DROP CONSTRAINT "fk_ip_registration_owner_organisation_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_ip_event_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ip_event_voids"`);
    await queryRunner.query(`DROP TABLE "ip_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ip_registration_application_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_ip_registration_certificate_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_supporting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_examination_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_registration_name"`);
    await queryRunner.query(`DROP TABLE "ip_registration"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'ip_registration'`,
    );
  }
}
