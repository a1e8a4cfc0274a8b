import { auditActions, created, errorFields, itemIds } from './support/sessions';
import { startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, World } from './support/world';

const PROGRAMMES = '/api/v1/programmes';

describe('Programmes', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const body = (overrides: object = {}) => ({
    code: 'SHTT-2023',
    name: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023',
    ownerOrganisationId: w.department.id,
    startYear: 2023,
    endYear: 2023,
    ...overrides,
  });

  it('records a programme with its owner named, finds it by words of its name or its code', async () => {
    const programme = await created(w.as.staff.post(PROGRAMMES, body()));
    expect(programme.body).toMatchObject({
      code: 'SHTT-2023',
      ownerOrganisationId: w.department.id,
      ownerOrganisation: { id: w.department.id, name: 'Sở Khoa học và Công nghệ' },
      startYear: 2023,
      endYear: 2023,
      description: null,
      version: 1,
    });
    expect(programme.body.createdAt).toMatch(/\+07:00$/);
    for (const q of ['tai san tri tue can tho', 'TP. trí tuệ', 'shtt-2023']) {
      const res = await w.as.district.get(`${PROGRAMMES}?q=${encodeURIComponent(q)}`).expect(200);
      expect(itemIds(res)).toEqual([programme.id]);
    }
    await w.as.leader.get(`${PROGRAMMES}/${programme.id}`).expect(200);
  });

  it('refuses a second programme with the same code, and years out of order or out of range', async () => {
    await created(
      w.as.staff.post(PROGRAMMES, body({ code: 'DMCN-2024', startYear: 2024, endYear: 2025 })),
    );
    const duplicate = await w.as.staff
      .post(PROGRAMMES, body({ code: 'DMCN-2024', startYear: 2024, endYear: 2025 }))
      .expect(409);
    expect(duplicate.body.detail).toBe('Another programme already has this code');
    const backwards = await w.as.staff
      .post(PROGRAMMES, body({ code: 'X-1', startYear: 2025, endYear: 2024 }))
      .expect(400);
    expect(backwards.body.errors).toEqual([
      { field: 'endYear', message: 'must not be before startYear (2025); got 2024' },
    ]);
    const typo = await w.as.staff
      .post(PROGRAMMES, body({ code: 'X-2', startYear: 20203, endYear: 2023 }))
      .expect(400);
    expect(errorFields(typo)).toEqual(['startYear']);
    const owner = await w.as.staff
      .post(PROGRAMMES, body({ code: 'X-3', ownerOrganisationId: w.userIds.admin }))
      .expect(400);
    expect(owner.body.errors).toEqual([
      { field: 'ownerOrganisationId', message: 'no organisation has this id' },
    ]);
  });

  it('lists the programmes running in a year, newest first', async () => {
    const early = await created(
      w.as.staff.post(PROGRAMMES, body({ code: 'P-2021', startYear: 2021, endYear: 2022 })),
    );
    const later = await created(
      w.as.staff.post(PROGRAMMES, body({ code: 'P-2022', startYear: 2022, endYear: 2026 })),
    );
    const in2022 = await w.as.leader.get(`${PROGRAMMES}?year=2022`).expect(200);
    expect(itemIds(in2022)).toEqual([later.id, early.id]);
    const in2021 = await w.as.leader.get(`${PROGRAMMES}?year=2021`).expect(200);
    expect(itemIds(in2021)).toEqual([early.id]);
  });

  it('changes, deletes and restores at the version read, audited', async () => {
    const programme = await created(w.as.staff.post(PROGRAMMES, body({ code: 'P-EDIT' })));
    const path = `${PROGRAMMES}/${programme.id}`;
    await w.as.staff.patch(path, { endYear: 2025 }).expect(428);
    const changed = await w.as.staff.patch(path, { endYear: 2025 }, 1).expect(200);
    expect(changed.body).toMatchObject({ endYear: 2025, version: 2 });
    await w.as.staff.patch(path, { endYear: 2022 }, 2).expect(400);
    await w.as.staff.patch(path, { name: 'Cũ' }, 1).expect(412);
    await w.as.staff.delete(path, 2).expect(200);
    await w.as.leader.get(path).expect(404);
    await w.as.staff.post(`${path}/restore`, undefined, 3).expect(200);
    expect(await auditActions(w.as.admin, 'programme', programme.id)).toEqual([
      'create',
      'update',
      'delete',
      'restore',
    ]);
  });

  it('lets every role read and only the Department write', async () => {
    const programme = await created(w.as.staff.post(PROGRAMMES, body({ code: 'P-ACCESS' })));
    const roles: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    const writes: Record<CallerName, number> = {
      admin: 201,
      staff: 201,
      centre: 403,
      district: 403,
      leader: 403,
    };
    for (const caller of roles) {
      await w.as[caller].get(`${PROGRAMMES}/${programme.id}`).expect(200);
      const res = await w.as[caller].post(PROGRAMMES, body({ code: `P-${caller}` }));
      expect({ caller, status: res.status }).toEqual({ caller, status: writes[caller] });
    }
  });
});
