import { MigrationInterface, QueryRunner } from 'typeorm';

const ORDERS: [name: string, table: string, order: string][] = [
  ['ix_working_session_live_starts_at', 'working_session', '"starts_at" DESC NULLS LAST'],
  ['ix_ip_registration_live_name', 'ip_registration', '"name" NULLS FIRST'],
  ['ix_enterprise_live_name', 'enterprise', '"name" NULLS FIRST'],
  ['ix_project_live_created_at', 'project', '"created_at" DESC NULLS LAST'],
];

/**
 * The task list in its default order (due date, no date last, then id) over live tasks, with and
 * without a status: an index walk that stops after a page, and an index-only count (the session
 * is included for a district officer's count). TypeORM cannot declare expression, partial or
 * INCLUDE indexes, so these are written by hand and declared `synchronize: false`.
 *
 * The other lists in their default order, over live records, with the null order and the id
 * tiebreaker the query writes (an index in the other null order does not serve it, whatever the
 * column's NOT NULL): sessions newest first, IP registrations and enterprises by name, projects
 * newest first.
 */
export class ListIndexes1796112432017 implements MigrationInterface {
  name = 'ListIndexes1796112432017';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, table, order] of ORDERS) {
      await queryRunner.query(
        `CREATE INDEX "${name}" ON "${table}" (${order}, "id") WHERE "deleted_at" IS NULL`,
      );
    }
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
    for (const [name] of [...ORDERS].reverse()) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
    }
  }
}
