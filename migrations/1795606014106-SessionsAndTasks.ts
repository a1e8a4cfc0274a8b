import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working sessions with their participants and records (opinions, conclusions), follow-up tasks
 * with their co-operating units and progress updates. The entity part was generated from the
 * entities; the trigram indexes on the search keys are written by hand.
 */
export class SessionsAndTasks1795606014106 implements MigrationInterface {
  name = 'SessionsAndTasks1795606014106';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'working_session', 'GENERATED_COLUMN', 'search_key', 'f_search_key(title)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "working_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "kind" text NOT NULL, "title" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(title)) STORED NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "venue" text, "host_admin_unit_id" uuid NOT NULL, "reporting_year" integer NOT NULL, "period_label" text, "topics" text array NOT NULL DEFAULT '{}', "summary" text, "status" text NOT NULL DEFAULT 'planned', "status_note" text, "cancel_reason" text, CONSTRAINT "ck_working_session_reporting_year" CHECK (reporting_year BETWEEN 2000 AND 2100), CONSTRAINT "ck_working_session_topics" CHECK (topics <@ ARRAY['intellectual_property', 'st_enterprises', 'agriculture_technology', 'research_development', 'technology_innovation', 'standards_quality', 'ip_programme', 'technology_innovation_programme', 'other']::text[]), CONSTRAINT "ck_working_session_status" CHECK (status IN ('planned', 'held', 'closed', 'cancelled')), CONSTRAINT "ck_working_session_kind" CHECK (kind IN ('working_visit', 'briefing', 'review_conference', 'other')), CONSTRAINT "pk_working_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_working_session_status_starts_at" ON "working_session"  ("status", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_working_session_reporting_year" ON "working_session"  ("reporting_year", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_working_session_host_starts_at" ON "working_session"  ("host_admin_unit_id", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_working_session_starts_at" ON "working_session"  ("starts_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "session_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "session_id" uuid NOT NULL, "person_id" uuid, "organisation_id" uuid, "role" text NOT NULL, "note" text, CONSTRAINT "ck_session_participant_role" CHECK (role IN ('delegation_head', 'delegation_member', 'host_chair', 'host_member', 'scientist', 'enterprise_representative', 'attendee')), CONSTRAINT "ck_session_participant_party" CHECK ((person_id IS NULL) <> (organisation_id IS NULL)), CONSTRAINT "pk_session_participant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_session_participant_delegation_head" ON "session_participant"  ("session_id") WHERE deleted_at IS NULL AND role = 'delegation_head'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_session_participant_organisation" ON "session_participant"  ("session_id", "organisation_id") WHERE deleted_at IS NULL AND organisation_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_session_participant_person" ON "session_participant"  ("session_id", "person_id") WHERE deleted_at IS NULL AND person_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_session_participant_organisation" ON "session_participant"  ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_session_participant_person" ON "session_participant"  ("person_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_session_participant_session" ON "session_participant"  ("session_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "session_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "session_id" uuid NOT NULL, "type" text NOT NULL, "text" text NOT NULL, "participant_id" uuid, "position" integer NOT NULL, CONSTRAINT "ck_session_record_position" CHECK (position >= 1), CONSTRAINT "ck_session_record_type" CHECK (type IN ('opinion', 'conclusion')), CONSTRAINT "pk_session_record" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_session_record_participant" ON "session_record"  ("participant_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_session_record_session_position" ON "session_record"  ("session_id", "position")`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'task', 'GENERATED_COLUMN', 'search_key', 'f_search_key(title)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "title" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(title)) STORED NOT NULL, "description" text, "lead_organisation_id" uuid NOT NULL, "assigned_by_person_id" uuid, "due_date" date, "priority" text NOT NULL DEFAULT 'normal', "source_session_id" uuid, "source_record_id" uuid, "subject_type" text, "subject_id" uuid, "status" text NOT NULL DEFAULT 'open', "percent" integer, "percent_floor" integer NOT NULL DEFAULT '0', "completion_note" text, "cancel_reason" text, "status_note" text, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_task_subject" CHECK ((subject_type IS NULL) = (subject_id IS NULL)), CONSTRAINT "ck_task_source" CHECK (source_record_id IS NULL OR source_session_id IS NOT NULL), CONSTRAINT "ck_task_percent_floor" CHECK (percent_floor BETWEEN 0 AND 100), CONSTRAINT "ck_task_percent" CHECK (percent IS NULL OR percent BETWEEN 0 AND 100), CONSTRAINT "ck_task_priority" CHECK (priority IN ('low', 'normal', 'high')), CONSTRAINT "ck_task_status" CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "pk_task" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_created_at" ON "task"  ("created_at")`);
    await queryRunner.query(
      `CREATE INDEX "ix_task_assigned_by" ON "task"  ("assigned_by_person_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_subject" ON "task"  ("subject_type", "subject_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_source_record" ON "task"  ("source_record_id")`);
    await queryRunner.query(
      `CREATE INDEX "ix_task_source_session" ON "task"  ("source_session_id", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_due_date" ON "task"  ("due_date")`);
    await queryRunner.query(`CREATE INDEX "ix_task_status_due" ON "task"  ("status", "due_date")`);
    await queryRunner.query(
      `CREATE INDEX "ix_task_lead_status_due" ON "task"  ("lead_organisation_id", "status", "due_date")`,
    );
    await queryRunner.query(
      `CREATE TABLE "task_co_organisation" ("task_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "pk_task_co_organisation" PRIMARY KEY ("task_id", "organisation_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_co_organisation_organisation" ON "task_co_organisation"  ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "task_update" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "task_id" uuid NOT NULL, "note" text NOT NULL, "percent" integer, CONSTRAINT "ck_task_update_percent" CHECK (percent IS NULL OR percent BETWEEN 0 AND 100), CONSTRAINT "pk_task_update" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_update_task" ON "task_update"  ("task_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "working_session" ADD CONSTRAINT "fk_working_session_host_admin_unit_id" FOREIGN KEY ("host_admin_unit_id") REFERENCES "admin_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" ADD CONSTRAINT "fk_session_participant_session_id" FOREIGN KEY ("session_id") REFERENCES "working_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" ADD CONSTRAINT "fk_session_participant_person_id" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" ADD CONSTRAINT "fk_session_participant_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_record" ADD CONSTRAINT "fk_session_record_session_id" FOREIGN KEY ("session_id") REFERENCES "working_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_record" ADD CONSTRAINT "fk_session_record_participant_id" FOREIGN KEY ("participant_id") REFERENCES "session_participant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "fk_task_lead_organisation_id" FOREIGN KEY ("lead_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "fk_task_assigned_by_person_id" FOREIGN KEY ("assigned_by_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "fk_task_source_session_id" FOREIGN KEY ("source_session_id") REFERENCES "working_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "fk_task_source_record_id" FOREIGN KEY ("source_record_id") REFERENCES "session_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_co_organisation" ADD CONSTRAINT "fk_task_co_organisation_task_id" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_co_organisation" ADD CONSTRAINT "fk_task_co_organisation_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_update" ADD CONSTRAINT "fk_task_update_task_id" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of ['working_session', 'task']) {
      await queryRunner.query(
        `CREATE INDEX "ix_${table}_search" ON "${table}" USING gin ("search_key" gin_trgm_ops)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['working_session', 'task']) {
      await queryRunner.query(`DROP INDEX "ix_${table}_search"`);
    }
    await queryRunner.query(`ALTER TABLE "task_update" DROP CONSTRAINT "fk_task_update_task_id"`);
    await queryRunner.query(
      `ALTER TABLE "task_co_organisation" DROP CONSTRAINT "fk_task_co_organisation_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_co_organisation" DROP CONSTRAINT "fk_task_co_organisation_task_id"`,
    );
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_source_record_id"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_source_session_id"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_assigned_by_person_id"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_lead_organisation_id"`);
    await queryRunner.query(
      `ALTER TABLE "session_record" DROP CONSTRAINT "fk_session_record_participant_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_record" DROP CONSTRAINT "fk_session_record_session_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" DROP CONSTRAINT "fk_session_participant_organisation_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" DROP CONSTRAINT "fk_session_participant_person_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_participant" DROP CONSTRAINT "fk_session_participant_session_id"`,
    );
    await queryRunner.query(
      `ALTER TABLE "working_session" DROP CONSTRAINT "fk_working_session_host_admin_unit_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_task_update_task"`);
    await queryRunner.query(`DROP TABLE "task_update"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_co_organisation_organisation"`);
    await queryRunner.query(`DROP TABLE "task_co_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_lead_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_due_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_source_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_source_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_assigned_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_created_at"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'task'`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_session_record_session_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_record_participant"`);
    await queryRunner.query(`DROP TABLE "session_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_participant_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_participant_person"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_participant_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_participant_person"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_participant_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_participant_delegation_head"`);
    await queryRunner.query(`DROP TABLE "session_participant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_session_starts_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_session_host_starts_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_session_reporting_year"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_session_status_starts_at"`);
    await queryRunner.query(`DROP TABLE "working_session"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'working_session'`,
    );
  }
}
