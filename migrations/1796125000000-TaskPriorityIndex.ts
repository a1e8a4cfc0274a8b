import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task list filtered by priority, in its default order, as the status filter has: an index
 * walk that stops after a page, and an index-only count (with the session, for a district
 * officer's). On a province's ten years, `priority=low` (15 % of a million tasks) scanned the
 * whole table: 330 ms a page.
 */
export class TaskPriorityIndex1796125000000 implements MigrationInterface {
  name = 'TaskPriorityIndex1796125000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_task_live_priority_due" ON "task" ("priority", COALESCE("due_date", DATE 'infinity') NULLS FIRST, "id") INCLUDE ("source_session_id") WHERE "deleted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_live_priority_due"`);
  }
}
