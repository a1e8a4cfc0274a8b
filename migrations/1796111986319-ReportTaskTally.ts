import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task figures of the reports, kept current by triggers in the same transactions as the
 * writes: per session host unit, reporting year, lead unit and kind (`open` with its due date,
 * for overdue as of any day; `done_on_time`, `done_late`, `cancelled`), the number of live tasks
 * of live sessions. A year of the overview read 100,000 tasks for each request; the tally gives
 * the same figures from a few thousand rows.
 *
 * It lives in its own schema, `reporting`, as derived data: backups (the public schema) leave it
 * out, a restore's TRUNCATE empties it and its COPY of sessions and tasks fills it again.
 * `reporting.rebuild_task_tally()` recounts it from the tables (after a load with triggers off).
 * And an index the project figures ask for.
 */

/** A task's kind and due key (`infinity`: not open, or no due date). */
const KIND = `CASE WHEN t.status IN ('open', 'in_progress') THEN 'open'
     WHEN t.status = 'done' AND (t.due_date IS NULL OR t.completed_at IS NULL
          OR (t.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= t.due_date) THEN 'done_on_time'
     WHEN t.status = 'done' THEN 'done_late'
     ELSE t.status END`;
const DUE = `CASE WHEN t.status IN ('open', 'in_progress') THEN coalesce(t.due_date, 'infinity') ELSE 'infinity' END`;

/** Tasks of `tasks` (alias t) under sessions `sessions` (alias s), counted `sign`. */
function counted(tasks: string, sessions: string, join: string, sign: number): string {
  return `SELECT s.host_admin_unit_id, s.reporting_year, t.lead_organisation_id,
                 ${KIND} AS kind, ${DUE}::date AS due_date, ${sign} AS d
            FROM ${tasks} t JOIN ${sessions} s ON ${join}
           WHERE t.deleted_at IS NULL AND s.deleted_at IS NULL`;
}

/** Adds the deltas of `parts` (UNION ALL), in key order so that writers lock tally rows alike. */
function apply(...parts: string[]): string {
  return `INSERT INTO reporting.task_tally AS r
            (host_admin_unit_id, reporting_year, lead_organisation_id, kind, due_date, n)
          SELECT x.host_admin_unit_id, x.reporting_year, x.lead_organisation_id, x.kind, x.due_date, sum(x.d)::int
            FROM (${parts.join(' UNION ALL ')}) x
           GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.d) <> 0
           ORDER BY 2, 1, 3, 4, 5
          ON CONFLICT (reporting_year, host_admin_unit_id, lead_organisation_id, kind, due_date)
          DO UPDATE SET n = r.n + excluded.n`;
}

const ON_TASK = 's.id = t.source_session_id';
const ON_SESSION = 't.source_session_id = s.id';

/**
 * The sessions the changed tasks belong to, locked FOR SHARE before the count: a concurrent
 * change of a session's host or year waits for this transaction, or this one reads its result.
 */
const LOCK_SESSIONS = (sources: string) =>
  `PERFORM 1 FROM working_session s
    WHERE s.id IN (${sources}) ORDER BY s.id FOR SHARE`;

export class ReportTaskTally1796111986319 implements MigrationInterface {
  name = 'ReportTaskTally1796111986319';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS reporting`);
    await queryRunner.query(`CREATE TABLE reporting.task_tally (
      host_admin_unit_id uuid NOT NULL,
      reporting_year integer NOT NULL,
      lead_organisation_id uuid NOT NULL,
      kind text NOT NULL,
      due_date date NOT NULL,
      n integer NOT NULL,
      CONSTRAINT pk_task_tally PRIMARY KEY (reporting_year, host_admin_unit_id, lead_organisation_id, kind, due_date))`);
    await queryRunner.query(`CREATE FUNCTION reporting.rebuild_task_tally() RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM reporting.task_tally;
        ${apply(counted('task', 'working_session', ON_TASK, 1))};
      END $$`);
    await queryRunner.query(`CREATE FUNCTION reporting.task_tally_on_task() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${LOCK_SESSIONS('SELECT source_session_id FROM new_rows')};
          ${apply(counted('new_rows', 'working_session', ON_TASK, 1))};
        ELSIF TG_OP = 'UPDATE' THEN
          ${LOCK_SESSIONS('SELECT source_session_id FROM new_rows UNION SELECT source_session_id FROM old_rows')};
          ${apply(
            counted('new_rows', 'working_session', ON_TASK, 1),
            counted('old_rows', 'working_session', ON_TASK, -1),
          )};
        ELSIF TG_OP = 'DELETE' THEN
          ${apply(counted('old_rows', 'working_session', ON_TASK, -1))};
        ELSE
          PERFORM reporting.rebuild_task_tally();
        END IF;
        RETURN NULL;
      END $$`);
    // A session's host, year or deletion moves its tasks; a new session has none yet, and a
    // session with tasks cannot be deleted (foreign key).
    await queryRunner.query(`CREATE FUNCTION reporting.task_tally_on_session() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          ${apply(
            counted('task', 'new_rows', ON_SESSION, 1),
            counted('task', 'old_rows', ON_SESSION, -1),
          )};
        ELSE
          PERFORM reporting.rebuild_task_tally();
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_insert AFTER INSERT ON task
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_task()`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_update AFTER UPDATE ON task
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_task()`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_delete AFTER DELETE ON task
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_task()`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_truncate AFTER TRUNCATE ON task
      FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_task()`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_session_update AFTER UPDATE ON working_session
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_session()`);
    await queryRunner.query(`CREATE TRIGGER tr_task_tally_session_truncate AFTER TRUNCATE ON working_session
      FOR EACH STATEMENT EXECUTE FUNCTION reporting.task_tally_on_session()`);
    await queryRunner.query(`SELECT reporting.rebuild_task_tally()`);
    // The project figures' participants by index-only scans (TypeORM cannot declare INCLUDE).
    await queryRunner.query(
      `CREATE INDEX "ix_project_participant_report" ON "project_participant" ("project_id") INCLUDE ("admin_unit_id", "status") WHERE "deleted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_project_participant_report"`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_session_truncate ON working_session`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_session_update ON working_session`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_truncate ON task`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_delete ON task`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_update ON task`);
    await queryRunner.query(`DROP TRIGGER tr_task_tally_insert ON task`);
    await queryRunner.query(`DROP SCHEMA reporting CASCADE`);
  }
}
