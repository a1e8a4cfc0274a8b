import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, World } from './support/world';

const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];

type Expect = Record<CallerName, number>;
const all = (status: number): Expect => ({
  admin: status,
  staff: status,
  centre: status,
  district: status,
  leader: status,
});

interface Case {
  name: string;
  /** Runs the request as one caller; fresh records are made per call where the request changes them. */
  run(w: World, caller: CallerName): Promise<{ status: number }>;
  expect: Expect;
}

/**
 * Each role against each registry, account and audit route: 2xx where the policy allows, 403 where
 * the role may not, 404 where the record lies outside a district officer's district.
 */
describe('The access matrix: registry, accounts, audit', () => {
  let t: TestApp;
  let w: World;
  let counter = 0;
  const unique = () => `${++counter}`;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  /** An organisation in a district, made by the administrator, for a caller to change. */
  const orgIn = async (adminUnitId: string) =>
    (
      await w.as.admin
        .post('/api/v1/organisations', {
          name: `Hợp tác xã ${unique()}`,
          kind: 'cooperative',
          adminUnitId,
        })
        .expect(201)
    ).body as { id: string; version: number };
  const personIn = async (organisationId: string) =>
    (
      await w.as.admin
        .post('/api/v1/people', { fullName: `Người ${unique()}`, organisationId })
        .expect(201)
    ).body as {
      id: string;
      version: number;
    };

  const cases: Case[] = [
    {
      name: 'GET admin-units',
      run: (w, c) => w.as[c].get('/api/v1/admin-units'),
      expect: all(200),
    },
    {
      name: 'GET an admin unit of another district',
      run: (w, c) => w.as[c].get(`/api/v1/admin-units/${w.otherCommune.id}`),
      expect: all(200),
    },
    {
      name: 'POST admin-units',
      run: (w, c) =>
        w.as[c].post('/api/v1/admin-units', {
          code: `8${unique()}`,
          name: 'Tỉnh',
          level: 'province',
          subtype: 'tinh',
        }),
      expect: { ...all(403), admin: 201 },
    },
    {
      name: 'PATCH an admin unit',
      run: async (w, c) => {
        const unit = (
          await w.as.admin.post('/api/v1/admin-units', {
            code: `7${unique()}`,
            name: 'Tỉnh',
            level: 'province',
            subtype: 'tinh',
          })
        ).body;
        return w.as[c].patch(`/api/v1/admin-units/${unit.id}`, { name: 'Tỉnh Mới' }, unit.version);
      },
      expect: { ...all(403), admin: 200 },
    },
    {
      name: 'GET organisations',
      run: (w, c) => w.as[c].get('/api/v1/organisations'),
      expect: all(200),
    },
    {
      name: 'GET an organisation of the district',
      run: (w, c) => w.as[c].get(`/api/v1/organisations/${w.districtOffice.id}`),
      expect: all(200),
    },
    {
      name: 'GET an organisation of another district',
      run: (w, c) => w.as[c].get(`/api/v1/organisations/${w.otherDistrictOffice.id}`),
      expect: { ...all(200), district: 404 },
    },
    {
      name: 'GET the Department (province level)',
      run: (w, c) => w.as[c].get(`/api/v1/organisations/${w.department.id}`),
      expect: { ...all(200), district: 404 },
    },
    {
      name: 'POST an organisation in the district',
      run: (w, c) =>
        w.as[c].post('/api/v1/organisations', {
          name: `HTX ${unique()}`,
          kind: 'cooperative',
          adminUnitId: w.commune.id,
        }),
      expect: { ...all(201), centre: 403, leader: 403 },
    },
    {
      name: 'POST an organisation in another district',
      run: (w, c) =>
        w.as[c].post('/api/v1/organisations', {
          name: `HTX ${unique()}`,
          kind: 'cooperative',
          adminUnitId: w.otherCommune.id,
        }),
      expect: { ...all(201), centre: 403, leader: 403, district: 400 },
    },
    {
      name: 'PATCH an organisation in the district',
      run: async (w, c) => {
        const org = await orgIn(w.commune.id);
        return w.as[c].patch(`/api/v1/organisations/${org.id}`, { shortName: 'HTX' }, org.version);
      },
      expect: { ...all(200), centre: 403, leader: 403 },
    },
    {
      name: 'PATCH an organisation in another district',
      run: async (w, c) => {
        const org = await orgIn(w.otherCommune.id);
        return w.as[c].patch(`/api/v1/organisations/${org.id}`, { shortName: 'HTX' }, org.version);
      },
      expect: { ...all(200), centre: 403, leader: 403, district: 404 },
    },
    {
      name: 'DELETE an organisation in another district',
      run: async (w, c) => {
        const org = await orgIn(w.otherDistrict.id);
        return w.as[c].delete(`/api/v1/organisations/${org.id}`, org.version);
      },
      expect: { ...all(200), centre: 403, leader: 403, district: 404 },
    },
    {
      name: 'restore an organisation in another district',
      run: async (w, c) => {
        const org = await orgIn(w.otherDistrict.id);
        const deleted = (
          await w.as.admin.delete(`/api/v1/organisations/${org.id}`, org.version).expect(200)
        ).body;
        return w.as[c].post(`/api/v1/organisations/${org.id}/restore`, undefined, deleted.version);
      },
      expect: { ...all(200), centre: 403, leader: 403, district: 404 },
    },
    {
      name: 'GET a person of the district',
      run: (w, c) => w.as[c].get(`/api/v1/people/${w.districtPerson.id}`),
      expect: all(200),
    },
    {
      name: 'GET a person of another district',
      run: (w, c) => w.as[c].get(`/api/v1/people/${w.otherDistrictPerson.id}`),
      expect: { ...all(200), district: 404 },
    },
    {
      name: 'POST a person of another district’s organisation',
      run: (w, c) =>
        w.as[c].post('/api/v1/people', {
          fullName: `Người ${unique()}`,
          organisationId: w.otherDistrictOffice.id,
        }),
      expect: { ...all(201), centre: 403, leader: 403, district: 400 },
    },
    {
      name: 'PATCH a person of another district',
      run: async (w, c) => {
        const person = await personIn(w.otherDistrictOffice.id);
        return w.as[c].patch(
          `/api/v1/people/${person.id}`,
          { position: 'Chuyên viên' },
          person.version,
        );
      },
      expect: { ...all(200), centre: 403, leader: 403, district: 404 },
    },
    {
      name: 'DELETE a person of the district',
      run: async (w, c) => {
        const person = await personIn(w.districtOffice.id);
        return w.as[c].delete(`/api/v1/people/${person.id}`, person.version);
      },
      expect: { ...all(200), centre: 403, leader: 403 },
    },
    {
      name: 'GET users',
      run: (w, c) => w.as[c].get('/api/v1/users'),
      expect: { ...all(403), admin: 200 },
    },
    {
      name: 'GET a user',
      run: (w, c) => w.as[c].get(`/api/v1/users/${w.userIds.leader}`),
      expect: { ...all(403), admin: 200 },
    },
    {
      name: 'POST users',
      run: (w, c) =>
        w.as[c].post('/api/v1/users', {
          username: `u${unique()}`,
          password: 'a long test password 9',
          fullName: 'U',
          role: 'leadership',
        }),
      expect: { ...all(403), admin: 201 },
    },
    {
      name: 'GET audit-events',
      run: (w, c) => w.as[c].get('/api/v1/audit-events'),
      expect: { ...all(403), admin: 200, leader: 200 },
    },
    { name: 'GET auth/me', run: (w, c) => w.as[c].get('/api/v1/auth/me'), expect: all(200) },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const got = {} as Record<CallerName, number>;
    for (const caller of CALLERS) got[caller] = (await testCase.run(w, caller)).status;
    expect(got).toEqual(testCase.expect);
  });

  it('lists only the district’s organisations and people to its officer, filtered in SQL (totals agree)', async () => {
    const orgs = await w.as.district.get('/api/v1/organisations?pageSize=100').expect(200);
    const ids = orgs.body.items.map((o: { adminUnitId: string }) => o.adminUnitId);
    expect(new Set(ids)).toEqual(
      new Set([w.district.id, w.commune.id].filter((id) => ids.includes(id))),
    );
    expect(orgs.body.total).toBe(orgs.body.items.length);
    expect(ids).toContain(w.district.id);
    const people = await w.as.district.get('/api/v1/people?pageSize=100').expect(200);
    expect(people.body.items.map((p: { id: string }) => p.id)).toContain(w.districtPerson.id);
    expect(people.body.items.map((p: { id: string }) => p.id)).not.toContain(
      w.otherDistrictPerson.id,
    );
  });
});
