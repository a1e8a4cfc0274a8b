import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1796103282962 implements MigrationInterface {
  name = 'ReportIndexes1796103282962';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_working_session_host_year" ON "working_session"  ("host_admin_unit_id", "reporting_year")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ip_event_date" ON "ip_event"  ("date")`);
    // By hand (TypeORM cannot declare INCLUDE): the task figures by index-only scans.
    await queryRunner.query(
      `CREATE INDEX "ix_task_report_session" ON "task" ("source_session_id") INCLUDE ("status", "due_date", "completed_at", "lead_organisation_id") WHERE "deleted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_report_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ip_event_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_session_host_year"`);
  }
}
