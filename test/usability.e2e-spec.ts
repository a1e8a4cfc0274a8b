import request from 'supertest';
import {
  created,
  countQueries,
  createTask,
  itemsOf,
  sessionWithConclusion,
} from './support/sessions';
import { TestClock } from './support/clock';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, World } from './support/world';

const TASKS = '/api/v1/tasks';
const SESSIONS = '/api/v1/working-sessions';

/**
 * What a person using the API notices: names beside ids, times in Viet Nam, late work that stays
 * visible, "my tasks", closed minutes that can be corrected, duplicates caught before they happen.
 */
describe('Usable by the people who use it', () => {
  let t: TestApp;
  let w: World;
  // 10:00 on 15 March 2026 in Viet Nam.
  const clock = new TestClock('2026-03-15T03:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ clock });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('shows names beside ids on tasks, sessions, records, progress updates and audit events', async () => {
    const { session, conclusion } = await sessionWithConclusion(w);
    const task = await createTask(w.as.staff, w.centre.id, {
      coOrganisationIds: [w.districtOffice.id],
      assignedByPersonId: w.departmentPerson.id,
      sourceRecordId: conclusion.id,
      dueDate: '2026-03-20',
    });
    expect(task.body).toMatchObject({
      leadOrganisation: { id: w.centre.id, name: 'Trung tâm Ứng dụng Tiến bộ KH&CN' },
      coOrganisations: [{ id: w.districtOffice.id, name: 'Phòng Kinh tế quận Bình Thủy' }],
      assignedBy: { fullName: 'Trần Hoài Phương', position: 'Phó Giám đốc Sở' },
      sourceSession: {
        id: session.id,
        title: 'Làm việc về hoạt động khoa học và công nghệ',
        startsAt: '2026-01-10T14:00:00+07:00',
      },
    });
    const view = await w.as.leader.get(`${SESSIONS}/${session.id}`).expect(200);
    expect(view.body.hostAdminUnit).toEqual({
      id: w.district.id,
      code: '918',
      name: 'Quận Bình Thủy',
      level: 'district',
      provinceName: 'Thành phố Cần Thơ',
    });
    expect(view.body.records[0]).toMatchObject({ participantName: 'Nguyễn Văn Khánh' });
    expect(view.body.tasks[0]).toMatchObject({
      leadOrganisationName: 'Trung tâm Ứng dụng Tiến bộ KH&CN',
    });
    await w.as.centre
      .post(`${TASKS}/${task.id}/updates`, { note: 'Đã bắt đầu', percent: 10 })
      .expect(201);
    const updates = await w.as.leader.get(`${TASKS}/${task.id}/updates`).expect(200);
    expect(itemsOf(updates)[0]).toMatchObject({
      authorId: w.userIds.centre,
      authorName: 'Test centre',
    });
    const audit = await w.as.admin
      .get(`/api/v1/audit-events?entityType=task&entityId=${task.id}`)
      .expect(200);
    expect(itemsOf(audit)[0]).toMatchObject({ actorId: w.userIds.staff, actorName: 'Test staff' });
    expect((itemsOf(audit)[0] as { at: string }).at).toMatch(
      /^2026-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+07:00$/,
    );
  });

  it('lists tasks with their names in the same number of queries for 2 or 20', async () => {
    const organisation = (
      await created(w.as.admin.post('/api/v1/organisations', { name: 'Đơn vị đếm', kind: 'other' }))
    ).id;
    const page = (n: number) =>
      countQueries(t.dataSource, () =>
        w.as.leader.get(`${TASKS}?leadOrganisationId=${organisation}&pageSize=${n}`).expect(200),
      );
    for (let i = 0; i < 20; i++) {
      await createTask(w.as.staff, organisation, {
        title: `Việc ${i}`,
        coOrganisationIds: [w.centre.id],
        assignedByPersonId: w.departmentPerson.id,
      });
    }
    expect(await page(2)).toBe(await page(20));
  });

  it('keeps late work visible: completedLate and daysLate, and the doneLate filter', async () => {
    const late = await createTask(w.as.staff, w.centre.id, {
      title: 'Việc trễ',
      dueDate: '2026-03-10',
    });
    const onTime = await createTask(w.as.staff, w.centre.id, {
      title: 'Việc đúng hạn',
      dueDate: '2026-03-31',
    });
    const overdue = await createTask(w.as.staff, w.centre.id, {
      title: 'Việc quá hạn',
      dueDate: '2026-03-12',
    });
    const doneLate = await w.as.staff
      .post(`${TASKS}/${late.id}/complete`, { note: 'Xong' })
      .expect(200);
    expect(doneLate.body).toMatchObject({ completedLate: true, daysLate: 5, overdue: false });
    const doneOnTime = await w.as.staff
      .post(`${TASKS}/${onTime.id}/complete`, { note: 'Xong' })
      .expect(200);
    expect(doneOnTime.body).toMatchObject({ completedLate: false, daysLate: null });
    const open = await w.as.staff.get(`${TASKS}/${overdue.id}`).expect(200);
    expect(open.body).toMatchObject({ overdue: true, completedLate: false, daysLate: 3 });
    const lateOnes = await w.as.leader.get(`${TASKS}?doneLate=true&pageSize=100`).expect(200);
    const ids = itemsOf<{ id: string }>(lateOnes).map((x) => x.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(onTime.id);
    expect(ids).not.toContain(overdue.id);
  });

  it('filters tasks by the district that hosted their session', async () => {
    const here = await sessionWithConclusion(w);
    const there = await sessionWithConclusion(w, { hostAdminUnitId: w.otherDistrict.id });
    const a = await createTask(w.as.staff, w.centre.id, { sourceSessionId: here.session.id });
    const b = await createTask(w.as.staff, w.centre.id, { sourceSessionId: there.session.id });
    const res = await w.as.leader
      .get(`${TASKS}?hostAdminUnitId=${w.district.id}&pageSize=100`)
      .expect(200);
    const ids = itemsOf<{ id: string }>(res).map((x) => x.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
  });

  it('gives a unit its tasks, led or co-operated on, marked by role; a co-operating unit reports progress but does not complete', async () => {
    const led = await createTask(w.as.staff, w.centre.id, { title: 'Trung tâm chủ trì' });
    const helped = await createTask(w.as.staff, w.districtOffice.id, {
      title: 'Trung tâm phối hợp',
      coOrganisationIds: [w.centre.id],
    });
    const unrelated = await createTask(w.as.staff, w.districtOffice.id, {
      title: 'Không liên quan',
    });
    const mine = await w.as.centre.get(`${TASKS}?mine=true&pageSize=100`).expect(200);
    const roles = Object.fromEntries(
      itemsOf<{ id: string; myRole: string | null }>(mine).map((x) => [x.id, x.myRole]),
    );
    expect(roles[led.id]).toBe('lead');
    expect(roles[helped.id]).toBe('co_operating');
    expect(roles[unrelated.id]).toBeUndefined();
    const coOnly = await w.as.centre.get(`${TASKS}?myRole=co_operating&pageSize=100`).expect(200);
    expect(itemsOf<{ id: string }>(coOnly).map((x) => x.id)).toContain(helped.id);
    expect(itemsOf<{ id: string }>(coOnly).map((x) => x.id)).not.toContain(led.id);

    await w.as.centre
      .post(`${TASKS}/${helped.id}/updates`, { note: 'Đã phối hợp', percent: 20 })
      .expect(201);
    const complete = await w.as.centre
      .post(`${TASKS}/${helped.id}/complete`, { note: 'x' })
      .expect(403);
    expect(complete.body.detail).toBe(
      'Only the Department and the staff of the task’s lead unit may do this',
    );
    const progress = await w.as.centre
      .post(`${TASKS}/${unrelated.id}/updates`, { note: 'x' })
      .expect(403);
    expect(progress.body.detail).toMatch(/lead or co-operating units/);
    const leader = await w.as.leader.get(`${TASKS}?mine=true`).expect(400);
    expect(leader.body.errors[0]).toMatchObject({ field: 'mine' });
  });

  it('lets the Department reopen closed minutes with a reason, correct them, and close them again, all audited', async () => {
    const { session, conclusion } = await sessionWithConclusion(w);
    const base = `${SESSIONS}/${session.id}`;
    await w.as.staff.post(`${base}/hold`, {}).expect(200);
    await w.as.staff.post(`${base}/close`, {}).expect(200);
    await w.as.staff.patch(`${base}/records/${conclusion.id}`, { text: 'Sửa' }, 1).expect(409);
    const noReason = await w.as.staff.post(`${base}/reopen`, {}).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const reopened = await w.as.staff
      .post(`${base}/reopen`, { reason: 'Ghi sai tên đơn vị chủ trì' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'held',
      statusNote: 'Ghi sai tên đơn vị chủ trì',
    });
    await w.as.staff
      .patch(`${base}/records/${conclusion.id}`, { text: 'Giao Trung tâm Ứng dụng viết dự án' }, 1)
      .expect(200);
    await w.as.staff.post(`${base}/close`, {}).expect(200);
    const events = await w.as.admin
      .get(`/api/v1/audit-events?entityType=working_session&entityId=${session.id}`)
      .expect(200);
    expect(itemsOf<{ action: string }>(events).map((e) => e.action)).toEqual([
      'create',
      'hold',
      'close',
      'reopen',
      'close',
    ]);
    const conflict = await w.as.staff.post(`${base}/reopen`, { reason: 'x' }, 99).expect(412);
    expect(conflict.body.type).toBe('/problems/precondition-failed');
    const named = await w.as.staff.post(`${base}/hold`, {}).expect(409);
    expect(named.body.detail).toBe(
      'Cannot hold the working session “Làm việc về hoạt động khoa học và công nghệ”, which is closed; allowed actions: reopen',
    );
  });

  it('catches an organisation or a person typed twice, unless the caller says it is another one', async () => {
    const body = {
      name: 'Hợp tác xã Rau an toàn Long Tuyền',
      kind: 'cooperative',
      adminUnitId: w.district.id,
    };
    await w.as.district.post('/api/v1/organisations', body).expect(201);
    const again = await w.as.district
      .post('/api/v1/organisations', { ...body, name: 'hợp tác xã rau an toàn long tuyền' })
      .expect(409);
    expect(again.body.detail).toMatch(
      /already exists in this administrative unit.*confirmDistinct/,
    );
    await w.as.district
      .post('/api/v1/organisations', { ...body, confirmDistinct: true })
      .expect(201);
    await w.as.district
      .post('/api/v1/organisations', { ...body, adminUnitId: w.commune.id })
      .expect(201);

    const person = { fullName: 'Nguyễn Văn An', organisationId: w.districtOffice.id };
    await w.as.district.post('/api/v1/people', person).expect(201);
    const twin = await w.as.district.post('/api/v1/people', person).expect(409);
    expect(twin.body.detail).toMatch(/Nguyễn Văn An already belongs to this organisation/);
    await w.as.district.post('/api/v1/people', { ...person, confirmDistinct: true }).expect(201);
  });

  it('shows an administrative unit’s parent and lists units by level, then name', async () => {
    const units = await w.as.leader.get('/api/v1/admin-units?pageSize=100').expect(200);
    const shown = itemsOf<{ code: string; level: string; parent: { name: string } | null }>(units);
    expect(shown.map((u) => u.level)).toEqual(
      [...shown.map((u) => u.level)].sort(
        (a, b) =>
          ['province', 'district', 'commune'].indexOf(a) -
          ['province', 'district', 'commune'].indexOf(b),
      ),
    );
    const commune = shown.find((u) => u.code === '31174')!;
    expect(commune.parent).toMatchObject({
      name: 'Quận Bình Thủy',
      provinceName: 'Thành phố Cần Thơ',
    });
    expect(shown.find((u) => u.code === '92')!.parent).toBeNull();
  });

  it('documents the tokens as opaque bearer tokens, not JWTs', async () => {
    const document = (await request(t.http).get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
    });
    expect(JSON.stringify(document)).not.toMatch(/JWT/);
  });
});
