import { SYSTEM_ACTOR } from '@app/platform';
import { OrganisationsService } from '@app/registry';
import type request from 'supertest';
import {
  auditActions,
  created,
  createSession,
  createTask,
  errorFields,
  itemIds,
  itemsOf,
  sessionWithConclusion,
} from './support/sessions';
import { TestClock } from './support/clock';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, signedInAccount, versionOf, World } from './support/world';

const TASKS = '/api/v1/tasks';
/** 23:30 on 10 March 2026 in Viet Nam (UTC+7). */
const LATE_EVENING = '2026-03-10T16:30:00Z';

describe('Tasks', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;

  beforeAll(async () => {
    clock = new TestClock(LATE_EVENING);
    t = await startTestApp({ clock });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const act = (
    as: Caller,
    id: string,
    action: string,
    version: number | string,
    body: object = {},
  ) => as.post(`${TASKS}/${id}/${action}`, body, version);

  /** A new organisation, so a test can list exactly its own tasks. */
  const newOrganisation = async (name: string) =>
    (await t.app.get(OrganisationsService).create(SYSTEM_ACTOR, { name, kind: 'other' })).id;

  describe('creating and changing', () => {
    it('assigns a task from a conclusion, with co-operating units and defaults', async () => {
      const { session, conclusion } = await sessionWithConclusion(w);
      const task = await created(
        w.as.staff.post(TASKS, {
          title: '  Viết dự án đề xuất xử lý nước ở Cồn Sơn ',
          description: 'Theo kết luận của buổi làm việc',
          leadOrganisationId: w.centre.id,
          coOrganisationIds: [w.districtOffice.id, w.department.id],
          assignedByPersonId: w.departmentPerson.id,
          dueDate: '2026-04-30',
          sourceRecordId: conclusion.id,
        }),
      );
      expect(task.version).toBe(1);
      expect(task.body).toMatchObject({
        title: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn',
        leadOrganisationId: w.centre.id,
        coOrganisationIds: [w.districtOffice.id, w.department.id].sort(),
        dueDate: '2026-04-30',
        priority: 'normal',
        // The conclusion names its session.
        sourceSessionId: session.id,
        sourceRecordId: conclusion.id,
        subjectType: null,
        subjectId: null,
        status: 'open',
        overdue: false,
        percent: null,
        allowedActions: ['start', 'complete', 'cancel'],
      });

      const path = `${TASKS}/${task.id}`;
      await w.as.staff.patch(path, { priority: 'high' }).expect(428);
      const changed = await w.as.staff
        .patch(path, { priority: 'high', coOrganisationIds: [w.department.id], dueDate: null }, 1)
        .expect(200);
      expect(changed.body).toMatchObject({
        priority: 'high',
        coOrganisationIds: [w.department.id],
        dueDate: null,
        version: 2,
      });
      const status = await w.as.staff.patch(path, { status: 'done' }, 2).expect(400);
      expect(status.body.errors).toEqual([{ field: 'status', message: 'is not an allowed field' }]);
      await w.as.staff.patch(path, { title: null }, 2).expect(400);
      await w.as.staff.patch(path, { title: 'Khác' }, 1).expect(412);
    });

    it('refuses bad references, naming each field', async () => {
      const missing = '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11';
      const cases: [object, string, RegExp][] = [
        [{ leadOrganisationId: missing }, 'leadOrganisationId', /no organisation/],
        [{ coOrganisationIds: [w.centre.id] }, 'coOrganisationIds', /lead/],
        [{ coOrganisationIds: [missing] }, 'coOrganisationIds', /no organisation/],
        [{ assignedByPersonId: missing }, 'assignedByPersonId', /no person/],
        [{ dueDate: '1999-08-08' }, 'dueDate', /year 1999, outside 2000–2100/],
        [
          { dueDate: '2026-02-30' },
          'dueDate',
          /2026-02-30 does not exist \(February 2026 has 28 days\)/,
        ],
        [{ priority: 'urgent' }, 'priority', /must be one of/],
        [{ sourceSessionId: missing }, 'sourceSessionId', /no working session/],
        [{ sourceRecordId: missing }, 'sourceRecordId', /no session record/],
        [{ subjectType: 'unicorn', subjectId: missing }, 'subjectType', /working_session/],
        [{ subjectType: 'organisation' }, 'subjectId', /both or neither/],
        [{ subjectType: 'organisation', subjectId: missing }, 'subjectId', /no organisation/],
      ];
      for (const [overrides, field, message] of cases) {
        const res = await w.as.staff
          .post(TASKS, { title: 'Việc', leadOrganisationId: w.centre.id, ...overrides })
          .expect(400);
        expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
      }
    });

    it('takes as source only a conclusion, of the named session', async () => {
      const a = await sessionWithConclusion(w);
      const b = await sessionWithConclusion(w);
      const opinion = await created(
        w.as.staff.post(`/api/v1/working-sessions/${a.session.id}/records`, {
          type: 'opinion',
          text: 'Ý kiến',
        }),
      );
      const notConclusion = await w.as.staff
        .post(TASKS, { title: 'Việc', leadOrganisationId: w.centre.id, sourceRecordId: opinion.id })
        .expect(400);
      expect(notConclusion.body.errors[0].message).toMatch(/conclusion/);
      const otherSession = await w.as.staff
        .post(TASKS, {
          title: 'Việc',
          leadOrganisationId: w.centre.id,
          sourceSessionId: a.session.id,
          sourceRecordId: b.conclusion.id,
        })
        .expect(400);
      expect(otherSession.body.errors[0].message).toMatch(/another session/);
      const sessionOnly = await createTask(w.as.staff, w.centre.id, {
        sourceSessionId: a.session.id,
      });
      expect(sessionOnly.body).toMatchObject({
        sourceSessionId: a.session.id,
        sourceRecordId: null,
      });
    });

    it('concerns any registered record: an organisation, a session, another task', async () => {
      const session = await createSession(w.as.staff, w.district.id);
      const other = await createTask(w.as.staff, w.centre.id);
      for (const [subjectType, subjectId] of [
        ['organisation', w.districtOffice.id],
        ['working_session', session.id],
        ['task', other.id],
      ]) {
        const task = await createTask(w.as.staff, w.centre.id, { subjectType, subjectId });
        expect(task.body).toMatchObject({ subjectType, subjectId });
        const byTask = await w.as.leader
          .get(`${TASKS}?subjectType=${subjectType}&subjectId=${subjectId}`)
          .expect(200);
        expect(itemIds(byTask)).toEqual([task.id]);
      }
      const self = await w.as.staff
        .patch(`${TASKS}/${other.id}`, { subjectType: 'task', subjectId: other.id }, 1)
        .expect(400);
      expect(self.body.errors[0].field).toBe('subjectId');
    });

    it('deletes softly and restores', async () => {
      const task = await createTask(w.as.staff, w.centre.id, { title: 'Việc sẽ xóa' });
      const path = `${TASKS}/${task.id}`;
      const deleted = await w.as.staff.delete(path, 1).expect(200);
      await w.as.staff.get(path).expect(404);
      const bin = await w.as.staff.get(`${TASKS}?deleted=true&q=viec%20se%20xoa`).expect(200);
      expect(bin.body.total).toBe(1);
      await w.as.staff.post(`${path}/restore`, undefined, versionOf(deleted)).expect(200);
      await w.as.staff.get(path).expect(200);
    });
  });

  describe('status actions', () => {
    it('moves through every legal transition', async () => {
      const task = await createTask(w.as.staff, w.centre.id);
      const steps: [string, object, string][] = [
        ['start', {}, 'in_progress'],
        ['complete', { note: 'Đã gửi dự án đề xuất' }, 'done'],
        ['reopen', { note: 'Cần bổ sung' }, 'open'],
        ['cancel', { reason: 'Giao đơn vị khác' }, 'cancelled'],
        ['reopen', {}, 'open'],
        ['complete', { note: 'Xong ngay' }, 'done'],
        ['reopen', {}, 'open'],
        ['start', {}, 'in_progress'],
        ['cancel', { reason: 'Không còn cần' }, 'cancelled'],
      ];
      let version = task.version;
      for (const [action, body, status] of steps) {
        const res = await act(w.as.staff, task.id, action, version, body).expect(200);
        expect(res.body.status).toBe(status);
        version = versionOf(res);
      }
      const done = await createTask(w.as.staff, w.centre.id);
      const completed = await act(w.as.staff, done.id, 'complete', 1, { note: 'Xong' }).expect(200);
      expect(completed.body).toMatchObject({
        status: 'done',
        completionNote: 'Xong',
        percent: 100,
        // 23:30 in Viet Nam, as the clock stood.
        completedAt: '2026-03-10T23:30:00+07:00',
        allowedActions: ['reopen'],
      });
      const reopened = await act(w.as.staff, done.id, 'reopen', 2).expect(200);
      expect(reopened.body).toMatchObject({
        status: 'open',
        completionNote: null,
        completedAt: null,
        percent: 100,
      });
    });

    it('answers every illegal transition with 409 naming the allowed actions', async () => {
      const open = await createTask(w.as.staff, w.centre.id);
      const inProgress = await createTask(w.as.staff, w.centre.id);
      await act(w.as.staff, inProgress.id, 'start', 1).expect(200);
      const done = await createTask(w.as.staff, w.centre.id);
      await act(w.as.staff, done.id, 'complete', 1, { note: 'Xong' }).expect(200);
      const cancelled = await createTask(w.as.staff, w.centre.id);
      await act(w.as.staff, cancelled.id, 'cancel', 1, { reason: 'Thôi' }).expect(200);

      const cases: [string, number, string, string[]][] = [
        [open.id, 1, 'reopen', ['start', 'complete', 'cancel']],
        [inProgress.id, 2, 'start', ['complete', 'cancel']],
        [inProgress.id, 2, 'reopen', ['complete', 'cancel']],
        [done.id, 2, 'start', ['reopen']],
        [done.id, 2, 'complete', ['reopen']],
        [done.id, 2, 'cancel', ['reopen']],
        [cancelled.id, 2, 'start', ['reopen']],
        [cancelled.id, 2, 'complete', ['reopen']],
        [cancelled.id, 2, 'cancel', ['reopen']],
      ];
      for (const [id, version, action, allowed] of cases) {
        const body =
          action === 'complete' ? { note: 'x' } : action === 'cancel' ? { reason: 'x' } : {};
        const res = await act(w.as.staff, id, action, version, body).expect(409);
        expect(res.body).toMatchObject({
          type: '/problems/illegal-transition',
          allowedActions: allowed,
        });
        expect(res.body.detail).toContain(`allowed actions: ${allowed.join(', ')}`);
      }
    });

    it('needs a note to complete and a reason to cancel; checks If-Match when sent (API.md)', async () => {
      const task = await createTask(w.as.staff, w.centre.id);
      const note = await act(w.as.staff, task.id, 'complete', 1).expect(400);
      expect(note.body.errors).toEqual([
        { field: 'note', message: 'is required to complete a task: what was done' },
      ]);
      const reason = await act(w.as.staff, task.id, 'cancel', 1, { note: 'x' }).expect(400);
      expect(reason.body.errors).toEqual([
        { field: 'reason', message: 'is required to cancel a task' },
      ]);
      const misplaced = await act(w.as.staff, task.id, 'start', 1, { reason: 'x' }).expect(400);
      expect(misplaced.body.errors).toEqual([
        { field: 'reason', message: 'is not taken by start' },
      ]);
      await act(w.as.staff, task.id, 'start', 9).expect(412);
      await act(w.as.staff, task.id, 'start', 'W/"1"').expect(412);
      // A status action without If-Match is decided by the status machine alone.
      const started = await w.as.staff.post(`${TASKS}/${task.id}/start`, {}).expect(200);
      expect(started.body).toMatchObject({ status: 'in_progress', version: 2 });
      await w.as.staff.post(`${TASKS}/${task.id}/start`, {}).expect(409);
    });
  });

  describe('overdue, in Viet Nam time', () => {
    it('is overdue the day after its due date there, and no longer once done', async () => {
      clock.set(LATE_EVENING);
      const lead = await newOrganisation('Đơn vị kiểm tra hạn');
      const { session } = await sessionWithConclusion(w);
      const yesterday = await createTask(w.as.staff, lead, {
        title: 'Hạn hôm qua',
        dueDate: '2026-03-09',
      });
      const today = await createTask(w.as.staff, lead, {
        title: 'Hạn hôm nay',
        dueDate: '2026-03-10',
        sourceSessionId: session.id,
      });
      const undated = await createTask(w.as.staff, lead, { title: 'Không hạn' });
      expect(yesterday.body.overdue).toBe(true);
      // 23:30 on the due day in Viet Nam: not yet overdue (UTC is on the same day here, too).
      expect(today.body.overdue).toBe(false);
      expect(undated.body.overdue).toBe(false);

      const overdueIds = async () =>
        (
          (await w.as.leader.get(`${TASKS}?leadOrganisationId=${lead}&overdue=true`).expect(200))
            .body.items as { id: string }[]
        ).map((x) => x.id);
      const onTimeIds = async () =>
        (
          (await w.as.leader.get(`${TASKS}?leadOrganisationId=${lead}&overdue=false`).expect(200))
            .body.items as { id: string }[]
        ).map((x) => x.id);
      expect(await overdueIds()).toEqual([yesterday.id]);
      expect(await onTimeIds()).toEqual([today.id, undated.id]);

      const completed = await act(w.as.staff, yesterday.id, 'complete', 1, { note: 'Xong' }).expect(
        200,
      );
      expect(completed.body.overdue).toBe(false);
      expect(await overdueIds()).toEqual([]);

      // Half a minute past midnight in Viet Nam (still 10 March in UTC): the task due on the 10th is late.
      clock.set('2026-03-10T17:00:30Z');
      expect(await overdueIds()).toEqual([today.id]);
      const read = await w.as.leader.get(`${TASKS}/${today.id}`).expect(200);
      expect(read.body.overdue).toBe(true);
      const view = await w.as.leader.get(`/api/v1/working-sessions/${session.id}`).expect(200);
      expect(view.body.tasks).toEqual([expect.objectContaining({ id: today.id, overdue: true })]);
      const cancelled = await act(w.as.staff, today.id, 'cancel', 1, { reason: 'Thôi' }).expect(
        200,
      );
      expect(cancelled.body.overdue).toBe(false);
      clock.set(LATE_EVENING);
    });
  });

  describe('progress updates', () => {
    it('takes notes and percentages that never go down unless the task was reopened', async () => {
      const task = await createTask(w.as.staff, w.centre.id);
      const updates = `${TASKS}/${task.id}/updates`;
      const first = await created(w.as.centre.post(updates, { note: 'Đã liên hệ', percent: 40 }));
      expect(first.body).toMatchObject({
        taskId: task.id,
        percent: 40,
        authorId: w.userIds.centre,
      });
      expect((await w.as.leader.get(`${TASKS}/${task.id}`).expect(200)).body.percent).toBe(40);

      const lower = await w.as.centre.post(updates, { note: 'Sai', percent: 30 }).expect(400);
      expect(lower.body.errors).toEqual([
        { field: 'percent', message: 'cannot go down from 40% unless the task is reopened' },
      ]);
      await created(w.as.centre.post(updates, { note: 'Chỉ ghi chú' }));
      await created(w.as.staff.post(updates, { note: 'Giữ nguyên', percent: 40 }));
      await w.as.centre.post(updates, { note: 'x', percent: 101 }).expect(400);
      await w.as.centre.post(updates, { percent: 50 }).expect(400);
      expect((await w.as.leader.get(`${TASKS}/${task.id}`).expect(200)).body.percent).toBe(40);

      const done = await act(w.as.centre, task.id, 'complete', 2, { note: 'Xong' }).expect(200);
      expect(done.body.percent).toBe(100);
      const closed = await w.as.centre.post(updates, { note: 'Thêm' }).expect(409);
      expect(closed.body.detail).toMatch(/reopen/);
      await act(w.as.staff, task.id, 'reopen', versionOf(done)).expect(200);
      await created(w.as.centre.post(updates, { note: 'Làm lại phần hồ sơ', percent: 20 }));
      await w.as.centre.post(updates, { note: 'Lùi', percent: 10 }).expect(400);

      const list = await w.as.district.get(updates).expect(404);
      expect(list.body.status).toBe(404);
      const log = await w.as.leader.get(updates).expect(200);
      expect(itemsOf<{ note: string }>(log).map((u) => u.note)).toEqual([
        'Làm lại phần hồ sơ',
        'Giữ nguyên',
        'Chỉ ghi chú',
        'Đã liên hệ',
      ]);
      const oldest = await w.as.leader.get(`${updates}?sort=createdAt&pageSize=1`).expect(200);
      expect(oldest.body).toMatchObject({ total: 4, items: [{ note: 'Đã liên hệ' }] });
    });
  });

  describe('lists', () => {
    it('filters by status, lead, session, due dates and title, sorted by due date with undated last', async () => {
      const lead = await newOrganisation('Đơn vị kiểm tra lọc');
      const { session } = await sessionWithConclusion(w);
      const a = await createTask(w.as.staff, lead, {
        title: 'Xử lý nước Cồn Sơn',
        dueDate: '2026-05-01',
      });
      const b = await createTask(w.as.staff, lead, {
        title: 'Liên hệ doanh nghiệp',
        dueDate: '2026-04-01',
        sourceSessionId: session.id,
      });
      const c = await createTask(w.as.staff, lead, { title: 'Không hạn' });
      await act(w.as.staff, b.id, 'start', 1).expect(200);
      const ids = async (query: string) =>
        (
          (await w.as.leader.get(`${TASKS}?leadOrganisationId=${lead}&${query}`).expect(200)).body
            .items as { id: string }[]
        ).map((x) => x.id);
      expect(await ids('')).toEqual([b.id, a.id, c.id]);
      // Undated tasks count as due after every date.
      expect(await ids('sort=-dueDate')).toEqual([c.id, a.id, b.id]);
      expect(await ids('sort=title')).toEqual([c.id, b.id, a.id]);
      expect(await ids('status=in_progress')).toEqual([b.id]);
      expect(await ids(`sourceSessionId=${session.id}`)).toEqual([b.id]);
      expect(await ids('dueBefore=2026-05-01')).toEqual([b.id]);
      expect(await ids('dueAfter=2026-04-01')).toEqual([a.id]);
      expect(await ids('q=xu%20ly%20nuoc%20con%20son')).toEqual([a.id]);
      const bad = await w.as.leader.get(`${TASKS}?overdue=maybe&sort=percent`).expect(400);
      expect(errorFields(bad).sort()).toEqual(['overdue', 'sort']);
    });

    it('shows a task the same in its list item and its retrieve as in the answer to a change', async () => {
      // The list and the retrieve map rows to responses; the writes map entities (task.reader.ts).
      const lead = await newOrganisation('Đơn vị kiểm tra hiển thị');
      const { session, conclusion } = await sessionWithConclusion(w);
      const late = await createTask(w.as.staff, lead, {
        title: 'Báo cáo trễ hạn',
        description: 'Có đơn vị phối hợp',
        coOrganisationIds: [w.districtOffice.id, w.centre.id],
        assignedByPersonId: w.departmentPerson.id,
        dueDate: '2026-03-01',
        priority: 'high',
        sourceRecordId: conclusion.id,
      });
      const plain = await createTask(w.as.staff, lead, { title: 'Không hạn, không nguồn' });
      const overdue = await createTask(w.as.staff, lead, {
        title: 'Quá hạn',
        dueDate: '2026-03-09',
        subjectType: 'organisation',
        subjectId: w.centre.id,
      });
      const completed = await act(w.as.staff, late.id, 'complete', late.version, {
        note: 'Đã nộp',
      }).expect(200);
      const answers = [completed.body, plain.body, overdue.body] as { id: string }[];
      expect(completed.body).toMatchObject({
        sourceSessionId: session.id,
        sourceSession: { id: session.id },
        assignedBy: { id: w.departmentPerson.id },
        completedLate: true,
        daysLate: 9,
      });
      expect(overdue.body).toMatchObject({ overdue: true, daysLate: 1, dueDate: '2026-03-09' });

      const listed = itemsOf<{ id: string }>(
        await w.as.staff.get(`${TASKS}?leadOrganisationId=${lead}&pageSize=10`).expect(200),
      );
      const byId = (items: { id: string }[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(listed)).toEqual(byId(answers));
      for (const answer of answers) {
        expect((await w.as.staff.get(`${TASKS}/${answer.id}`).expect(200)).body).toEqual(answer);
      }
    });
  });

  it('writes an audit event for every change, in the same transaction', async () => {
    const task = await createTask(w.as.staff, w.centre.id);
    const path = `${TASKS}/${task.id}`;
    let res = await w.as.staff.patch(path, { priority: 'high' }, 1).expect(200);
    await act(w.as.centre, task.id, 'start', versionOf(res)).expect(200);
    const update = await created(w.as.centre.post(`${path}/updates`, { note: 'Nửa', percent: 50 }));
    res = await w.as.centre.get(path).expect(200);
    res = await act(w.as.centre, task.id, 'complete', versionOf(res), { note: 'Xong' }).expect(200);
    res = await act(w.as.staff, task.id, 'reopen', versionOf(res)).expect(200);
    res = await act(w.as.admin, task.id, 'cancel', versionOf(res), { reason: 'Thôi' }).expect(200);
    res = await w.as.admin.delete(path, versionOf(res)).expect(200);
    await w.as.admin.post(`${path}/restore`, undefined, versionOf(res)).expect(200);

    expect(await auditActions(w.as.admin, 'task', task.id)).toEqual([
      'create',
      'update',
      'start',
      'progress',
      'complete',
      'reopen',
      'cancel',
      'delete',
      'restore',
    ]);
    expect(await auditActions(w.as.admin, 'task_update', update.id)).toEqual(['create']);
    const events = await w.as.leader
      .get(`/api/v1/audit-events?entityType=task&entityId=${task.id}&action=complete`)
      .expect(200);
    expect(events.body.items[0]).toMatchObject({
      actorId: w.userIds.centre,
      before: { status: 'in_progress' },
      after: { status: 'done', completionNote: 'Xong' },
    });
  });

  describe('access', () => {
    const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    const DEPARTMENT_ROLES = new Set<CallerName>(['admin', 'staff']);
    type Situation = 'own' | 'elsewhere' | 'sessionless';
    /**
     * own: from a session in the officer's district, led by the unit staff's centre;
     * elsewhere: from a session in the other district, led by the Department;
     * sessionless: no session, led by the Department.
     */
    const fixture = async (situation: Situation) => {
      if (situation === 'sessionless') return createTask(w.as.staff, w.department.id);
      const session = await createSession(
        w.as.staff,
        situation === 'own' ? w.district.id : w.otherDistrict.id,
      );
      return createTask(w.as.staff, situation === 'own' ? w.centre.id : w.department.id, {
        sourceSessionId: session.id,
      });
    };

    interface Route {
      name: string;
      policy: 'read' | 'department' | 'lead';
      /** Puts the task in the state the route needs, as staff; returns its version. */
      prepare?: (id: string) => Promise<number>;
      call: (as: Caller, id: string, version: number) => request.Test;
    }
    const routes: Route[] = [
      { name: 'list tasks', policy: 'read', call: (as) => as.get(TASKS) },
      { name: 'get a task', policy: 'read', call: (as, id) => as.get(`${TASKS}/${id}`) },
      { name: 'list updates', policy: 'read', call: (as, id) => as.get(`${TASKS}/${id}/updates`) },
      {
        name: 'create a task',
        policy: 'department',
        call: (as) => as.post(TASKS, { title: 'Việc', leadOrganisationId: w.centre.id }),
      },
      {
        name: 'update a task',
        policy: 'department',
        call: (as, id, v) => as.patch(`${TASKS}/${id}`, { priority: 'low' }, v),
      },
      {
        name: 'delete a task',
        policy: 'department',
        call: (as, id, v) => as.delete(`${TASKS}/${id}`, v),
      },
      {
        name: 'restore a task',
        policy: 'department',
        prepare: async (id) => versionOf(await w.as.staff.delete(`${TASKS}/${id}`, 1).expect(200)),
        call: (as, id, v) => as.post(`${TASKS}/${id}/restore`, undefined, v),
      },
      {
        name: 'cancel a task',
        policy: 'department',
        call: (as, id, v) => act(as, id, 'cancel', v, { reason: 'x' }),
      },
      {
        name: 'reopen a task',
        policy: 'department',
        prepare: async (id) =>
          versionOf(await act(w.as.staff, id, 'complete', 1, { note: 'x' }).expect(200)),
        call: (as, id, v) => act(as, id, 'reopen', v),
      },
      { name: 'start a task', policy: 'lead', call: (as, id, v) => act(as, id, 'start', v) },
      {
        name: 'complete a task',
        policy: 'lead',
        call: (as, id, v) => act(as, id, 'complete', v, { note: 'x' }),
      },
      {
        name: 'report progress',
        policy: 'lead',
        call: (as, id) => as.post(`${TASKS}/${id}/updates`, { note: 'x', percent: 10 }),
      },
    ];

    const expected = (route: Route, caller: CallerName, situation: Situation): number | 'ok' => {
      const visible = caller !== 'district' || situation === 'own' || route.name === 'list tasks';
      switch (route.policy) {
        case 'read':
          return visible ? 'ok' : 404;
        case 'department':
          return DEPARTMENT_ROLES.has(caller) ? 'ok' : 403;
        case 'lead':
          if (DEPARTMENT_ROLES.has(caller)) return 'ok';
          // Unit staff read every task, so one their unit does not lead is refused with a reason.
          if (caller === 'centre') return situation === 'own' ? 'ok' : 403;
          return 403;
      }
    };

    it.each(['own', 'elsewhere', 'sessionless'] as const)(
      'answers every role on every route (task %s)',
      async (situation) => {
        const failures: string[] = [];
        for (const route of routes) {
          for (const caller of CALLERS) {
            const want = expected(route, caller, situation);
            const task = await fixture(situation);
            const version = route.prepare ? await route.prepare(task.id) : 1;
            const res = await route.call(w.as[caller], task.id, version);
            const ok = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
            if (!ok) failures.push(`${caller} ${route.name}: ${res.status} (wanted ${want})`);
          }
          const task = await fixture(situation);
          const anonymous = await route.call(w.anonymous, task.id, 1);
          if (anonymous.status !== 401)
            failures.push(`anonymous ${route.name}: ${anonymous.status}`);
        }
        expect(failures).toEqual([]);
      },
    );

    it('reads each caller’s own scope, whoever read the same way before', async () => {
      // Reads of one shape share their SQL text (kept per shape): the values must be the caller's.
      const { as: otherOfficer } = await signedInAccount(t, {
        username: 'test.other-district',
        fullName: 'Test other district',
        role: 'district_officer',
        adminUnitId: w.otherDistrict.id,
      });
      const own = await fixture('own');
      const elsewhere = await fixture('elsewhere');
      for (let round = 0; round < 3; round++) {
        await w.as.district.get(`${TASKS}/${own.id}`).expect(200);
        await otherOfficer.get(`${TASKS}/${own.id}`).expect(404);
        await otherOfficer.get(`${TASKS}/${elsewhere.id}`).expect(200);
        await w.as.district.get(`${TASKS}/${elsewhere.id}`).expect(404);
        const page = `${TASKS}?pageSize=100&sort=dueDate`;
        const mine = itemIds(await w.as.district.get(page).expect(200));
        const theirs = itemIds(await otherOfficer.get(page).expect(200));
        expect(mine).toContain(own.id);
        expect(mine).not.toContain(elsewhere.id);
        expect(theirs).toContain(elsewhere.id);
        expect(theirs).not.toContain(own.id);
      }
    });

    it('lists only the tasks of sessions in the district officer’s district', async () => {
      const own = await fixture('own');
      const elsewhere = await fixture('elsewhere');
      const sessionless = await fixture('sessionless');
      const res = await w.as.district.get(`${TASKS}?pageSize=100`).expect(200);
      const ids = itemIds(res);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(elsewhere.id);
      expect(ids).not.toContain(sessionless.id);
      const all = await w.as.leader.get(`${TASKS}?pageSize=100`).expect(200);
      expect(all.body.total).toBeGreaterThan(res.body.total);
    });

    it('reaches the tasks of sessions hosted in a commune of the district, never the other district’s, on every page', async () => {
      const lead = await newOrganisation('Đơn vị phạm vi huyện');
      const inCommune = await createSession(w.as.staff, w.commune.id);
      const inOtherCommune = await createSession(w.as.staff, w.otherCommune.id);
      const own: string[] = [];
      const other: string[] = [];
      for (const [i, dueDate] of ['2026-05-02', '2026-05-01', null, '2026-05-01'].entries()) {
        const task = await createTask(w.as.staff, lead, {
          sourceSessionId: inCommune.id,
          coOrganisationIds: [w.centre.id],
          dueDate,
          title: `Việc trong xã ${i}`,
        });
        own.push(task.id);
        other.push(
          (await createTask(w.as.staff, lead, { sourceSessionId: inOtherCommune.id, dueDate })).id,
        );
      }
      const list = `${TASKS}?leadOrganisationId=${lead}&pageSize=3`;
      const first = await w.as.district.get(list).expect(200);
      const second = await w.as.district.get(`${list}&page=2`).expect(200);
      expect(first.body.total).toBe(4);
      expect(second.body.total).toBe(4);
      type Item = { id: string; dueDate: string | null };
      const seen = [...itemsOf<Item>(first), ...itemsOf<Item>(second)];
      // Due date order, undated last, ties by id; names beside the ids as a single read shows them.
      expect(seen.map((task) => task.dueDate)).toEqual([
        '2026-05-01',
        '2026-05-01',
        '2026-05-02',
        null,
      ]);
      expect(seen.map((task) => task.id).sort()).toEqual([...own].sort());
      for (const task of seen) {
        const one = await w.as.district.get(`${TASKS}/${task.id}`).expect(200);
        expect(one.body).toEqual(task);
        expect(task).toMatchObject({
          leadOrganisation: { id: lead, name: 'Đơn vị phạm vi huyện' },
          coOrganisations: [{ id: w.centre.id, name: w.centre.name }],
          sourceSession: { id: inCommune.id, hostAdminUnitId: w.commune.id },
        });
      }
      for (const id of other) await w.as.district.get(`${TASKS}/${id}`).expect(404);
      expect((await w.as.leader.get(list).expect(200)).body.total).toBe(8);
      // The host filter and the district rule together: the other district's communes give none.
      const hosted = await w.as.district
        .get(`${TASKS}?leadOrganisationId=${lead}&hostAdminUnitId=${w.otherDistrict.id}`)
        .expect(200);
      expect(hosted.body).toMatchObject({ items: [], total: 0 });
      const byHost = await w.as.leader
        .get(`${TASKS}?leadOrganisationId=${lead}&hostAdminUnitId=${w.district.id}`)
        .expect(200);
      expect(itemIds(byHost).sort()).toEqual([...own].sort());
    });

    it('lets unit staff complete only the tasks their unit leads (403 with the reason for another unit’s)', async () => {
      const other = await fixture('elsewhere');
      const res = await act(w.as.centre, other.id, 'complete', 1, { note: 'x' }).expect(403);
      expect(res.body).toMatchObject({
        type: '/problems/forbidden',
        detail: 'Only the Department and the staff of the task’s lead unit may do this',
      });
      // Still visible to read.
      await w.as.centre.get(`${TASKS}/${other.id}`).expect(200);
      const own = await fixture('own');
      await act(w.as.centre, own.id, 'complete', 1, { note: 'Xong' }).expect(200);
    });
  });
});
