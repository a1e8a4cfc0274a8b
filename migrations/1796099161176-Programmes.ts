import { MigrationInterface, QueryRunner } from 'typeorm';

export class Programmes1796099161176 implements MigrationInterface {
  name = 'Programmes1796099161176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'programme', 'GENERATED_COLUMN', 'search_key', 'f_search_key(name || '' '' || code)')`,
    );
    await queryRunner.query(
      `CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "updated_by" uuid, "code" text NOT NULL, "name" text COLLATE "vi-x-icu" NOT NULL, "search_key" text GENERATED ALWAYS AS (f_search_key(name || ' ' || code)) STORED NOT NULL, "owner_organisation_id" uuid NOT NULL, "start_year" integer NOT NULL, "end_year" integer NOT NULL, "description" text, CONSTRAINT "ck_programme_years" CHECK (start_year BETWEEN 2000 AND 2100 AND end_year BETWEEN start_year AND 2100), CONSTRAINT "pk_programme" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_programme_years" ON "programme"  ("start_year", "end_year")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_programme_owner" ON "programme"  ("owner_organisation_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_programme_code" ON "programme"  ("code") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "fk_programme_owner_organisation_id" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Search by name or code ignoring diacritics (trigram index, not known to TypeORM).
    await queryRunner.query(
      `CREATE INDEX "ix_programme_search" ON "programme" USING gin ("search_key" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_programme_search"`);
    await queryRunner.query(
      `ALTER TABLE "programme" DROP CONSTRAINT "fk_programme_owner_organisation_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_programme_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_programme_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_programme_years"`);
    await queryRunner.query(`DROP TABLE "programme"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_key' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'programme'`,
    );
  }
}
