import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task list in its default order (due date, no date last, then id) over live tasks, with and
 * without a status: an index walk that stops after a page, and an index-only count (the session
 * is included for a district officer's count). TypeORM cannot declare expression, partial or
 * INCLUDE indexes, so these are written by hand and declared `synchronize: false`.
 */
export class ListIndexes1796112432017 implements MigrationInterface {
  name = 'ListIndexes1796112432017';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_task_live_due" ON "task" (COALESCE("due_date", DATE 'infinity') NULLS FIRST, "id") WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_task_live_status_due" ON "task" ("status", COALESCE("due_date", DATE 'infinity') NULLS FIRST, "id") INCLUDE ("source_session_id") WHERE "deleted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_live_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_live_due"`);
  }
}
