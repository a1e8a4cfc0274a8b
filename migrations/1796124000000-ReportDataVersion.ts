import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of the data the reports read: `reporting.data_version` goes up once in every
 * transaction that changes any of those tables (a trigger deferred to the commit, so the one row
 * is locked only while committing), and on a TRUNCATE (a restore). A report kept with the
 * version it was made at is exact for as long as the version has not moved, whichever process
 * wrote (a replica, the CLI, SQL). Accounts, tokens, the audit log and the throttle are not
 * reported on and do not move it. A table the reports read later joins in its own migration.
 */
export const REPORTED_TABLES = [
  'admin_unit',
  'admin_unit_successor',
  'organisation',
  'person',
  'programme',
  'working_session',
  'session_participant',
  'session_record',
  'task',
  'task_co_organisation',
  'task_update',
  'ip_registration',
  'ip_event',
  'enterprise',
  'st_enterprise_certificate',
  'support_need',
  'project',
  'project_admin_unit',
  'project_partner',
  'project_participant',
  'project_indicator',
];

export class ReportDataVersion1796124000000 implements MigrationInterface {
  name = 'ReportDataVersion1796124000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE reporting.data_version (
         id int PRIMARY KEY CHECK (id = 1),
         version bigint NOT NULL
       )`,
    );
    await queryRunner.query(`INSERT INTO reporting.data_version VALUES (1, 1)`);
    // Once per transaction: the rows of a bulk insert all fire it, only the first one counts.
    await queryRunner.query(`
      CREATE FUNCTION reporting.bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('reporting.version_bumped_in', true) IS DISTINCT FROM
           pg_current_xact_id()::text THEN
          UPDATE reporting.data_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('reporting.version_bumped_in', pg_current_xact_id()::text, true);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of REPORTED_TABLES) {
      await queryRunner.query(
        `CREATE CONSTRAINT TRIGGER "tr_${table}_data_version"
           AFTER INSERT OR UPDATE OR DELETE ON "public"."${table}"
           DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
           EXECUTE FUNCTION reporting.bump_data_version()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "tr_${table}_data_version_truncate" AFTER TRUNCATE ON "public"."${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION reporting.bump_data_version()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...REPORTED_TABLES].reverse()) {
      await queryRunner.query(
        `DROP TRIGGER "tr_${table}_data_version_truncate" ON "public"."${table}"`,
      );
      await queryRunner.query(`DROP TRIGGER "tr_${table}_data_version" ON "public"."${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION reporting.bump_data_version()`);
    await queryRunner.query(`DROP TABLE reporting.data_version`);
  }
}
