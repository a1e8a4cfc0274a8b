import { TestClock } from './support/clock';
import { created } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, signIn, World } from './support/world';

const REPORTS = '/api/v1/reports';

interface TallyRow {
  host: string;
  year: number;
  lead: string;
  kind: string;
  due: string;
  n: number;
}

/**
 * The task figures of a reporting year come from `reporting.task_tally`, kept by triggers in the
 * writes' transactions. After every kind of write (assign, start, complete, cancel, reopen,
 * change the due date or the lead unit, delete and restore a task; move, delete and restore a
 * session) the tally equals a recount of the tables, and the report's figures without the lists
 * (from the tally) equal those with the lists (counted from the tasks themselves), overdue
 * included on any day.
 */
describe('Reports: the task tally', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;

  const post = async (path: string, body: object) =>
    (await created(w.as.staff.post(path, body))).id;
  const ok = async (res: PromiseLike<{ status: number; body: unknown }>, what: string) => {
    const answer = await res;
    if (answer.status !== 200)
      throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Record<string, unknown>;
  };
  const version = async (path: string) => (await ok(w.as.staff.get(path), path)).version as number;
  const patch = async (path: string, body: object) =>
    ok(w.as.staff.patch(path, body, await version(path)), `PATCH ${path}`);
  /** Deletes (hides) the record and brings it back with `restore()`. */
  const remove = async (path: string) => {
    const deleted = await ok(w.as.staff.delete(path, await version(path)), `DELETE ${path}`);
    return () =>
      ok(
        w.as.staff.post(`${path}/restore`, undefined, deleted.version as number),
        `restore ${path}`,
      );
  };

  const session = (host: string, year: number, day: string) =>
    post('/api/v1/working-sessions', {
      kind: 'working_visit',
      title: `Làm việc ngày ${day}`,
      startsAt: `${day}T14:00:00+07:00`,
      hostAdminUnitId: host,
      reportingYear: year,
      topics: ['intellectual_property'],
    });
  const task = (title: string, lead: string, sessionId: string, dueDate: string | null) =>
    post('/api/v1/tasks', {
      title,
      leadOrganisationId: lead,
      sourceSessionId: sessionId,
      ...(dueDate ? { dueDate } : {}),
    });

  const tally = async () =>
    t.dataSource.query<TallyRow[]>(
      `SELECT host_admin_unit_id AS host, reporting_year AS year, lead_organisation_id AS lead,
              kind, due_date::text AS due, n
         FROM reporting.task_tally WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`,
    );
  const recount = async () => {
    await t.dataSource.query(`SELECT reporting.rebuild_task_tally()`);
    return tally();
  };

  /** The tally as the triggers left it is the recount; the recount is then left in place. */
  const expectExact = async () => {
    const kept = await tally();
    expect(kept.length).toBeGreaterThan(0);
    expect(await recount()).toEqual(kept);
  };

  /** The district's tasks figures from the tally (items=none) and from the tasks (the lists). */
  const expectSameFigures = async (year: number) => {
    const path = `${REPORTS}/district-activity?adminUnitId=${w.district.id}&year=${year}`;
    const listed = await ok(w.as.leader.get(path), path);
    const figures = await ok(w.as.leader.get(`${path}&items=none`), path);
    const { items, ...fromTasks } = listed.tasks as Record<string, unknown>;
    expect(Array.isArray(items)).toBe(true);
    expect(figures.tasks).toEqual(fromTasks);
    return fromTasks;
  };

  beforeAll(async () => {
    clock = new TestClock('2024-01-15T03:00:00Z');
    t = await startTestApp({ clock });
    w = await buildWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('stays exact through every write, and overdue follows today', async () => {
    const s1 = await session(w.district.id, 2023, '2023-03-10');
    const s2 = await session(w.commune.id, 2023, '2023-08-08');
    const other = await session(w.otherDistrict.id, 2023, '2023-05-05');
    const a = await task('Một', w.centre.id, s1, '2023-09-30');
    const b = await task('Hai', w.centre.id, s1, '2023-10-31');
    const c = await task('Ba', w.department.id, s2, null);
    const d = await task('Bốn', w.department.id, s2, '2024-03-01');
    await task('Quận khác', w.centre.id, other, '2023-06-30');
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 4, overdue: 2, open: 4 });

    // Done on time (23:30 on 25 September in Viet Nam), done late, started, cancelled.
    clock.set('2023-09-25T16:30:00Z');
    await ok(w.as.staff.post(`/api/v1/tasks/${a}/complete`, { note: 'Xong' }), 'complete');
    clock.set('2023-11-05T02:00:00Z');
    await ok(w.as.staff.post(`/api/v1/tasks/${b}/complete`, { note: 'Trễ' }), 'complete');
    await ok(w.as.staff.post(`/api/v1/tasks/${d}/start`), 'start');
    await ok(w.as.staff.post(`/api/v1/tasks/${c}/cancel`, { reason: 'Thôi' }), 'cancel');
    clock.set('2024-01-15T03:00:00Z');
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({
      assigned: 4,
      done: 2,
      doneOnTime: 1,
      doneLate: 1,
      cancelled: 1,
      open: 1,
      overdue: 0,
    });

    // Reopen, a new due date and another lead unit; delete and restore a task.
    await ok(w.as.staff.post(`/api/v1/tasks/${c}/reopen`), 'reopen');
    await patch(`/api/v1/tasks/${c}`, { dueDate: '2023-12-01', leadOrganisationId: w.centre.id });
    const restoreTask = await remove(`/api/v1/tasks/${a}`);
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 3, overdue: 1 });
    await restoreTask();
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 4 });

    // A session moved to another year, then to another district, deleted and restored: its
    // tasks go with it.
    await patch(`/api/v1/working-sessions/${s2}`, { reportingYear: 2022 });
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 2 });
    expect(await expectSameFigures(2022)).toMatchObject({ assigned: 2 });
    await patch(`/api/v1/working-sessions/${s2}`, {
      reportingYear: 2023,
      hostAdminUnitId: w.otherDistrict.id,
    });
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 2 });
    const restoreSession = await remove(`/api/v1/working-sessions/${s1}`);
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 0, onTimeRate: null });
    await restoreSession();
    await expectExact();
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 2, done: 2, overdue: 0 });

    // Overdue is judged today: the running task is overdue from the day after its due date.
    await patch(`/api/v1/working-sessions/${s2}`, { hostAdminUnitId: w.district.id });
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 4, overdue: 1 });
    clock.set('2024-03-02T03:00:00Z');
    w.as.leader = await signIn(t, 'test.leader');
    expect(await expectSameFigures(2023)).toMatchObject({ assigned: 4, overdue: 2 });
  });

  it('gives the overview the same figures as a count of the tasks', async () => {
    const overview = await ok(
      w.as.leader.get(`${REPORTS}/overview?year=2023&provinceId=${w.province.id}`),
      'overview',
    );
    const [counted] = await t.dataSource.query<{ assigned: number; done: number }[]>(
      `SELECT count(*)::int AS assigned, count(*) FILTER (WHERE t.status = 'done')::int AS done
         FROM task t JOIN working_session s ON s.id = t.source_session_id
        WHERE t.deleted_at IS NULL AND s.deleted_at IS NULL AND s.reporting_year = 2023`,
    );
    expect((overview.totals as { tasks: object }).tasks).toMatchObject(counted);
  });
});
