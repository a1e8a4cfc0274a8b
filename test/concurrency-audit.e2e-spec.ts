import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, versionOf, World } from './support/world';

describe('No lost updates, and a whole history in the audit trail', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('lets exactly one of 20 concurrent PATCHes with the same If-Match win', async () => {
    const created = await w.as.staff
      .post('/api/v1/organisations', {
        name: 'Hợp tác xã Rau an toàn Long Tuyền',
        kind: 'cooperative',
        adminUnitId: w.commune.id,
      })
      .expect(201);
    const id = created.body.id as string;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        w.as.staff.patch(
          `/api/v1/organisations/${id}`,
          { shortName: `HTX ${i}` },
          versionOf(created),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = responses.find((r) => r.status === 200)!;
    const now = await w.as.staff.get(`/api/v1/organisations/${id}`).expect(200);
    expect(now.body.shortName).toBe(winner.body.shortName);
    expect(now.body.version).toBe(2);
    const loser = responses.find((r) => r.status === 412)!;
    expect(loser.body).toMatchObject({ type: '/problems/precondition-failed' });
    expect(loser.body.detail).toMatch(/version 2/);

    const audit = await w.as.admin
      .get(`/api/v1/audit-events?entityType=organisation&entityId=${id}`)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create', 'update']);
  });

  it('shows the whole history of a record: create, two updates, delete, restore, with who and before/after', async () => {
    const path = '/api/v1/people';
    const created = await w.as.staff
      .post(path, { fullName: 'Nguyễn Thị Lan', organisationId: w.department.id })
      .expect(201);
    const id = created.body.id as string;
    const first = await w.as.staff
      .patch(`${path}/${id}`, { position: 'Chuyên viên' }, versionOf(created))
      .expect(200);
    const second = await w.as.admin
      .patch(`${path}/${id}`, { position: 'Trưởng phòng' }, versionOf(first))
      .expect(200);
    const deleted = await w.as.staff.delete(`${path}/${id}`, versionOf(second)).expect(200);
    await w.as.admin.post(`${path}/${id}/restore`, undefined, versionOf(deleted)).expect(200);

    const res = await w.as.leader
      .get(`/api/v1/audit-events?entityType=person&entityId=${id}`)
      .expect(200);
    const events = res.body.items as {
      action: string;
      actorId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      at: string;
    }[];
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'update',
      'update',
      'delete',
      'restore',
    ]);
    expect(events.map((e) => e.actorId)).toEqual([
      w.userIds.staff,
      w.userIds.staff,
      w.userIds.admin,
      w.userIds.staff,
      w.userIds.admin,
    ]);
    expect(events[0].before).toBeNull();
    expect(events[0].after).toMatchObject({
      fullName: 'Nguyễn Thị Lan',
      position: null,
      version: 1,
    });
    expect(events[1].before).toMatchObject({ position: null });
    expect(events[1].after).toMatchObject({ position: 'Chuyên viên', version: 2 });
    expect(events[2].before).toEqual(events[1].after);
    expect(events[2].after).toMatchObject({ position: 'Trưởng phòng' });
    expect(events[3].after).toMatchObject({ deletedAt: expect.any(String) });
    expect(events[4].after).toMatchObject({ deletedAt: null });
    const newestFirst = await w.as.leader
      .get(`/api/v1/audit-events?entityId=${id}&sort=-at&pageSize=2`)
      .expect(200);
    expect(newestFirst.body.items.map((e: { action: string }) => e.action)).toEqual([
      'restore',
      'delete',
    ]);
    expect(newestFirst.body.total).toBe(5);
  });

  it('writes no audit event when the change is refused', async () => {
    const created = await w.as.staff.post('/api/v1/people', { fullName: 'Lê Văn Tám' }).expect(201);
    const id = created.body.id as string;
    await w.as.staff.patch(`/api/v1/people/${id}`, { email: 'not an email' }, 1).expect(400);
    await w.as.staff.patch(`/api/v1/people/${id}`, { position: 'X' }, 7).expect(412);
    const audit = await w.as.admin.get(`/api/v1/audit-events?entityId=${id}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });
});
