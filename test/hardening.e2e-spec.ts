import request from 'supertest';
import {
  auditActions,
  created,
  createSession,
  errorFields,
  sessionWithConclusion,
} from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, versionOf, World } from './support/world';

const SESSIONS = '/api/v1/working-sessions';

/**
 * The holes found by trying to break the running API, each closed: what a hostile or careless
 * client sends answers 400 naming the field (never 500), stale versions are refused, deleted
 * parents hide their children, and nothing hidden is revealed.
 */
describe('Hostile and careless input', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('refuses a NUL byte in a text field, in q, and in the sign-in username, naming it (400, not 500)', async () => {
    const org = await w.as.admin
      .post('/api/v1/organisations', { name: 'Hợp tác xã\u0000 A', kind: 'cooperative' })
      .expect(400);
    expect(org.body.errors).toEqual([
      { field: 'name', message: 'must not contain control characters (such as NUL)' },
    ]);
    const q = await w.as.admin.get('/api/v1/organisations?q=a%00b').expect(400);
    expect(errorFields(q)).toEqual(['q']);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'ad\u0000min', password: 'whatever password' })
      .expect(400);
    expect(errorFields(login)).toEqual(['username']);
    const nested = await w.as.staff
      .post('/api/v1/tasks', {
        title: 'Việc',
        leadOrganisationId: w.centre.id,
        coOrganisationIds: ['\u0000'],
      })
      .expect(400);
    expect(errorFields(nested)).toEqual(['coOrganisationIds.0']);
  });

  it('refuses a body nested thousands of levels deep (400, not a stack overflow)', async () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const res = await w.as.admin
      .post('/api/v1/organisations')
      .set('Content-Type', 'application/json')
      .send(deep)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0].message).toMatch(/nested deeper than 16 levels/);
  });

  it('refuses __proto__ and friends as fields instead of silently dropping them', async () => {
    const res = await w.as.admin
      .post('/api/v1/organisations')
      .set('Content-Type', 'application/json')
      .send('{"name": "HTX", "kind": "cooperative", "__proto__": {"kind": "department"}}')
      .expect(400);
    expect(res.body.errors).toEqual([{ field: '__proto__', message: 'is not an allowed field' }]);
  });

  it('refuses offsets no time zone uses and dates that do not exist, saying which (400)', async () => {
    for (const offset of ['+25:00', '-99:00', '+07:60']) {
      const res = await w.as.staff
        .post(SESSIONS, {
          kind: 'working_visit',
          title: 'Làm việc',
          startsAt: `2023-08-08T14:00:00${offset}`,
          hostAdminUnitId: w.district.id,
          reportingYear: 2023,
        })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'startsAt', message: expect.stringMatching(/which no time zone uses/) },
      ]);
    }
    const feb30 = await w.as.staff
      .post(SESSIONS, {
        kind: 'working_visit',
        title: 'Làm việc',
        startsAt: '2023-02-30T08:00:00+07:00',
        hostAdminUnitId: w.district.id,
        reportingYear: 2023,
      })
      .expect(400);
    expect(feb30.body.errors).toEqual([
      { field: 'startsAt', message: '2023-02-30 does not exist (February 2023 has 28 days)' },
    ]);
  });

  it('says "is required" once for a missing field, and names a missing password at sign-in', async () => {
    const res = await w.as.staff.post('/api/v1/tasks', {}).expect(400);
    expect(res.body.errors).toEqual([
      { field: 'title', message: 'is required' },
      { field: 'leadOrganisationId', message: 'is required' },
    ]);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ username: 'admin' })
      .expect(400);
    expect(login.body.errors).toEqual([{ field: 'password', message: 'is required' }]);
  });

  it('compares If-Match strongly: W/"1" and "01" do not match version 1 (412)', async () => {
    const org = await created(
      w.as.admin.post('/api/v1/organisations', { name: 'HTX Mạnh', kind: 'cooperative' }),
    );
    const path = `/api/v1/organisations/${org.id}`;
    for (const tag of ['W/"1"', '"01"']) {
      const res = await w.as.admin.patch(path, { shortName: 'x' }, tag).expect(412);
      expect(res.body.type).toBe('/problems/precondition-failed');
    }
    await w.as.admin.patch(path, { shortName: 'x' }, '"1"').expect(200);
  });

  it('refuses the later of two reorders made from the same read of a session (412)', async () => {
    const { session, conclusion } = await sessionWithConclusion(w);
    const base = `${SESSIONS}/${session.id}/records`;
    const opinion = await created(w.as.staff.post(base, { type: 'opinion', text: 'Ý kiến' }));
    const read = versionOf(await w.as.staff.get(`${SESSIONS}/${session.id}`).expect(200));
    await w.as.staff
      .post(`${base}/reorder`, { recordIds: [opinion.id, conclusion.id] }, read)
      .expect(200);
    const stale = await w.as.staff
      .post(`${base}/reorder`, { recordIds: [conclusion.id, opinion.id] }, read)
      .expect(412);
    expect(stale.body.type).toBe('/problems/precondition-failed');
    const order = await w.as.staff.get(base).expect(200);
    expect(order.body.items.map((r: { id: string }) => r.id)).toEqual([opinion.id, conclusion.id]);
    await w.as.staff
      .post(`${base}/reorder`, { recordIds: [conclusion.id, opinion.id] })
      .expect(428);
  });

  it('hides a deleted session’s participants and records with it', async () => {
    const { session, participant, conclusion } = await sessionWithConclusion(w);
    const base = `${SESSIONS}/${session.id}`;
    await w.as.staff.delete(base, 1).expect(200);
    await w.as.staff.get(base).expect(404);
    await w.as.staff.get(`${base}/participants`).expect(404);
    await w.as.staff.get(`${base}/participants/${participant.id}`).expect(404);
    await w.as.staff.get(`${base}/records`).expect(404);
    await w.as.staff.get(`${base}/records/${conclusion.id}`).expect(404);
  });

  it('lists deleted records only to the roles that may restore them', async () => {
    const session = await createSession(w.as.staff, w.district.id);
    await w.as.staff.delete(`${SESSIONS}/${session.id}`, 1).expect(200);
    const staff = await w.as.staff.get(`${SESSIONS}?deleted=true`).expect(200);
    expect(staff.body.items.map((s: { id: string }) => s.id)).toContain(session.id);
    for (const caller of ['leader', 'centre', 'district'] as const) {
      const res = await w.as[caller].get(`${SESSIONS}?deleted=true`).expect(403);
      expect(res.body.detail).toMatch(/may not list deleted records/);
    }
    await w.as.leader.get('/api/v1/tasks?deleted=true').expect(403);
    await w.as.district.get('/api/v1/organisations?deleted=true').expect(200);
  });

  it('does not tell a district officer about an organisation of another district (409 without it)', async () => {
    const parent = await created(
      w.as.admin.post('/api/v1/organisations', {
        name: 'Hội Nông dân quận Bình Thủy',
        kind: 'association',
        adminUnitId: w.district.id,
      }),
    );
    await created(
      w.as.admin.post('/api/v1/organisations', {
        name: 'Chi hội bí mật Ninh Kiều',
        kind: 'association',
        adminUnitId: w.otherDistrict.id,
        parentId: parent.id,
      }),
    );
    const refused = await w.as.district
      .delete(`/api/v1/organisations/${parent.id}`, parent.version)
      .expect(409);
    expect(refused.body.detail).not.toMatch(/Ninh Kiều|1 organisation/);
    expect(refused.body.detail).toMatch(/in use by records you cannot change/);
    const named = await w.as.admin
      .delete(`/api/v1/organisations/${parent.id}`, parent.version)
      .expect(409);
    expect(named.body.detail).toMatch(/Chi hội bí mật Ninh Kiều/);
  });

  it('writes no event and no new version for a PATCH or action that changes nothing', async () => {
    const org = await created(
      w.as.admin.post('/api/v1/organisations', { name: 'HTX Lặng', kind: 'cooperative' }),
    );
    const same = await w.as.admin
      .patch(`/api/v1/organisations/${org.id}`, { name: 'HTX Lặng', kind: 'cooperative' }, 1)
      .expect(200);
    expect(same.body.version).toBe(1);
    expect(await auditActions(w.as.admin, 'organisation', org.id)).toEqual(['create']);
    const changed = await w.as.admin
      .patch(`/api/v1/organisations/${org.id}`, { name: 'HTX Động' }, 1)
      .expect(200);
    expect(changed.body.version).toBe(2);
    expect(await auditActions(w.as.admin, 'organisation', org.id)).toEqual(['create', 'update']);
  });

  it('audits changes to accounts and to a task’s progress floor, in their transactions', async () => {
    const user = await w.as.admin
      .post('/api/v1/users', {
        username: 'audited.user',
        password: 'a long test password 7',
        fullName: 'A',
        role: 'leadership',
      })
      .expect(201);
    await w.as.admin
      .patch(`/api/v1/users/${user.body.id}`, { active: false }, user.body.version)
      .expect(200);
    expect(await auditActions(w.as.admin, 'user', user.body.id)).toEqual(['create', 'update']);

    const task = await created(
      w.as.staff.post('/api/v1/tasks', {
        title: 'Việc có tiến độ',
        leadOrganisationId: w.centre.id,
      }),
    );
    const base = `/api/v1/tasks/${task.id}`;
    await w.as.staff.post(`${base}/updates`, { note: 'Một nửa', percent: 50 }).expect(201);
    await w.as.staff.post(`${base}/complete`, { note: 'Xong' }).expect(200);
    await w.as.staff.post(`${base}/reopen`, {}).expect(200);
    // The same 50 % again after a reopen only raises the floor: still a change, versioned and audited.
    await w.as.staff.post(`${base}/updates`, { note: 'Lại một nửa', percent: 50 }).expect(201);
    const low = await w.as.staff
      .post(`${base}/updates`, { note: 'Ít hơn', percent: 40 })
      .expect(400);
    expect(low.body.errors[0].message).toMatch(/cannot go down from 50%/);
    expect(await auditActions(w.as.admin, 'task', task.id)).toEqual([
      'create',
      'progress',
      'complete',
      'reopen',
      'progress',
    ]);
  });

  it('refuses what the fuzz found accepted: methods as fields, null where the document forbids it, bodies that are not JSON or absent, numbers in hex', async () => {
    const methods = await w.as.admin
      .post('/api/v1/organisations')
      .set('Content-Type', 'application/json')
      .send('{"name": "HTX", "kind": "cooperative", "toString": 1, "valueOf": 2}')
      .expect(400);
    expect(methods.body.errors).toEqual([
      { field: 'toString', message: 'is not an allowed field' },
      { field: 'valueOf', message: 'is not an allowed field' },
    ]);
    const nullPriority = await w.as.staff
      .post('/api/v1/tasks', { title: 'Việc', leadOrganisationId: w.centre.id, priority: null })
      .expect(400);
    expect(nullPriority.body.errors).toEqual([{ field: 'priority', message: 'must not be null' }]);
    const user = await w.as.admin.get(`/api/v1/users/${w.userIds.leader}`).expect(200);
    const nullPassword = await w.as.admin
      .patch(`/api/v1/users/${w.userIds.leader}`, { password: null }, user.body.version)
      .expect(400);
    expect(nullPassword.body.errors).toEqual([{ field: 'password', message: 'must not be null' }]);
    // Nullable fields still take null: it empties them.
    const org = await created(
      w.as.admin.post('/api/v1/organisations', {
        name: 'HTX Rỗng',
        kind: 'cooperative',
        shortName: 'R',
      }),
    );
    const emptied = await w.as.admin
      .patch(`/api/v1/organisations/${org.id}`, { shortName: null }, org.version)
      .expect(200);
    expect(emptied.body.shortName).toBeNull();

    const text = await w.as.admin
      .patch(
        `/api/v1/organisations/${org.id}`,
        undefined as unknown as object,
        emptied.body.version,
      )
      .set('Content-Type', 'text/plain')
      .send('shortName=X')
      .expect(415);
    expect(text.body.detail).toBe('Send the body as JSON, with Content-Type: application/json');
    const absent = await w.as.admin
      .call('patch', `/api/v1/organisations/${org.id}`, emptied.body.version)
      .expect(400);
    expect(absent.body.errors).toEqual([
      { field: 'body', message: 'is required: send the fields as JSON' },
    ]);
    // A status action's body is optional (API.md).
    const session = await createSession(w.as.staff, w.district.id);
    await w.as.staff.call('post', `${SESSIONS}/${session.id}/hold`).expect(200);

    const hex = await w.as.leader.get('/api/v1/organisations?page=0x10').expect(400);
    expect(hex.body.errors[0].field).toBe('page');
  });
});
