import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1796099944993 implements MigrationInterface {
  name = 'Projects1796099944993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'project', 'GENERATED_COLUMN', 'search_key', 'f_search_key(title)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "project" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "kind" text NOT NULL, "title" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(title)) STORED NOT NULL, "description" text, "programme_id" uuid, "lead_organisation_id" uuid, "status" text NOT NULL DEFAULT 'proposed', "planned_start" date, "planned_end" date, "actual_start" date, "actual_end" date, "state_budget" bigint, "counterpart_budget" bigint, "other_budget" bigint, "decision_number" text, "decision_date" date, "status_note" text, "cancel_reason" text, CONSTRAINT "ck_project_budget" CHECK ((state_budget IS NULL OR state_budget >= 0) AND (counterpart_budget IS NULL OR counterpart_budget >= 0) AND (other_budget IS NULL OR other_budget >= 0)), CONSTRAINT "ck_project_actual_dates" CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start), CONSTRAINT "ck_project_planned_dates" CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start), CONSTRAINT "ck_project_status" CHECK (status IN ('proposed', 'approved', 'in_progress', 'completed', 'cancelled')), CONSTRAINT "ck_project_kind" CHECK (kind IN ('ip_development', 'technology_application', 'agricultural_model', 'research', 'infrastructure_proposal', 'other')), CONSTRAINT "pk_project" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_lead_organisation" ON "project"  ("lead_organisation_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_project_programme" ON "project"  ("programme_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_project_status_kind" ON "project"  ("status", "kind")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_project_created_at" ON "project"  ("created_at")`);
    await queryRunner.query(
      `CREATE TABLE "project_admin_unit" ("project_id" uuid NOT NULL, "admin_unit_id" uuid NOT NULL, CONSTRAINT "pk_project_admin_unit" PRIMARY KEY ("project_id", "admin_unit_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_admin_unit_unit" ON "project_admin_unit"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_partner" ("project_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "pk_project_partner" PRIMARY KEY ("project_id", "organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_partner_organisation" ON "project_partner"  ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_indicator" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "project_id" uuid NOT NULL, "name" text COLLATE "vi-x-icu" NOT NULL, "unit" text NOT NULL, "target" numeric(15,4), "actual" numeric(15,4), "measured_on" date, "note" text, CONSTRAINT "pk_project_indicator" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_indicator_name" ON "project_indicator"  ("project_id", "name") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_indicator_project" ON "project_indicator"  ("project_id", "created_at")`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'project_participant', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "project_id" uuid NOT NULL, "kind" text NOT NULL, "name" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(name)) STORED NOT NULL, "admin_unit_id" uuid NOT NULL, "area_m2" numeric(14,2), "contact" text, "note" text, "status" text NOT NULL DEFAULT 'proposed', "selected_by_organisation_id" uuid, "selected_on" date, "withdraw_reason" text, "status_note" text, CONSTRAINT "ck_project_participant_area" CHECK (area_m2 IS NULL OR area_m2 >= 0), CONSTRAINT "ck_project_participant_status" CHECK (status IN ('proposed', 'selected', 'withdrawn')), CONSTRAINT "ck_project_participant_kind" CHECK (kind IN ('household', 'organisation')), CONSTRAINT "pk_project_participant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_selected_by" ON "project_participant"  ("selected_by_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_admin_unit" ON "project_participant"  ("admin_unit_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_project_unit" ON "project_participant"  ("project_id", "admin_unit_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_project" ON "project_participant"  ("project_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "fk_project_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "fk_project_lead_organisation_id" FOREIGN KEY ("lead_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_admin_unit" ADD CONSTRAINT "fk_project_admin_unit_project_id" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_admin_unit" ADD CONSTRAINT "fk_project_admin_unit_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_partner" ADD CONSTRAINT "fk_project_partner_project_id" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_partner" ADD CONSTRAINT "fk_project_partner_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_indicator" ADD CONSTRAINT "fk_project_indicator_project_id" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participant" ADD CONSTRAINT "fk_project_participant_project_id" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participant" ADD CONSTRAINT "fk_project_participant_admin_unit_id" FOREIGN KEY ("admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participant" ADD CONSTRAINT "fk_project_participant_selected_by_organisation_id" FOREIGN KEY ("selected_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Search by title or name ignoring diacritics (trigram indexes, not known to TypeORM).
    await queryRunner.query(
      `CREATE INDEX "ix_project_search" ON "project" USING gin ("search_key" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_search" ON "project_participant" USING gin ("search_key" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_search"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_search"`);
    await queryRunner.query(
      `ALTER TABLE "project_participant" DROP CONSTRAINT "fk_project_participant_selected_by_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participant" DROP CONSTRAINT "fk_project_participant_admin_unit_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participant" DROP CONSTRAINT "fk_project_participant_project_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_indicator" DROP CONSTRAINT "fk_project_indicator_project_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_partner" DROP CONSTRAINT "fk_project_partner_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_partner" DROP CONSTRAINT "fk_project_partner_project_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_admin_unit" DROP CONSTRAINT "fk_project_admin_unit_admin_unit_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_admin_unit" DROP CONSTRAINT "fk_project_admin_unit_project_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" DROP CONSTRAINT "fk_project_lead_organisation_id"`,
    );
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "fk_project_programme_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_project"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_project_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_selected_by"`);
    await queryRunner.query(`DROP TABLE "project_participant"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'project_participant'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_project_indicator_project"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_indicator_name"`);
    await queryRunner.query(`DROP TABLE "project_indicator"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_partner_organisation"`);
    await queryRunner.query(`DROP TABLE "project_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_admin_unit_unit"`);
    await queryRunner.query(`DROP TABLE "project_admin_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_status_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_lead_organisation"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'project'`,
    );
  }
}
