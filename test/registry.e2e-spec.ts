import { buildWorld, versionOf, World } from './support/world';
import { startTestApp, TestApp } from './support/test-app';

const THOI_AN_DONG_NFD = 'Tho\u031b\u0301i An \u0110o\u0302ng';

describe('Registry: administrative units, organisations, people', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('administrative units', () => {
    it('stores an NFD name in NFC, trimmed, and finds it without diacritics or case', async () => {
      const created = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '31999',
          name: `  ${THOI_AN_DONG_NFD}  `,
          level: 'commune',
          subtype: 'phuong',
          parentId: w.otherDistrict.id,
        })
        .expect(201);
      expect(created.body.name).toBe('Thới An Đông');
      expect(created.body.name).toBe(created.body.name.normalize('NFC'));
      expect(created.headers.etag).toBe('"1"');

      for (const q of ['thoi an dong', 'THỚI', 'Tho\u031b\u0301i', 'an   dong']) {
        const found = await w.as.leader
          .get(`/api/v1/admin-units?q=${encodeURIComponent(q)}`)
          .expect(200);
        expect(found.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
      }
      const none = await w.as.leader.get('/api/v1/admin-units?q=thoi%20an%20tay').expect(200);
      expect(none.body.total).toBe(0);
    });

    it('lists with filters, paging and documented sorts', async () => {
      const res = await w.as.staff
        .get(`/api/v1/admin-units?parentId=${w.province.id}&level=district&sort=-code&pageSize=1`)
        .expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
      expect(res.body.items[0].code).toBe('918');
      const page2 = await w.as.staff
        .get(
          `/api/v1/admin-units?parentId=${w.province.id}&level=district&sort=-code&pageSize=1&page=2`,
        )
        .expect(200);
      expect(page2.body.items[0].code).toBe('916');
    });

    it('refuses a pageSize over 100, an undocumented sort and unknown parameters, naming each', async () => {
      const res = await w.as.staff
        .get('/api/v1/admin-units?pageSize=101&sort=secret&colour=red')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'colour',
        'pageSize',
        'sort',
      ]);
      expect(res.body).toMatchObject({ type: '/problems/validation-error', status: 400 });
    });

    it('refuses unknown fields in a body', async () => {
      const res = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '99',
          name: 'X',
          level: 'province',
          subtype: 'tinh',
          population: 3,
        })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'population', message: 'is not an allowed field' },
      ]);
    });

    it('answers 400 naming the field for a wrong level, subtype, parent or date', async () => {
      const cases: [object, string][] = [
        [{ code: '1', name: 'X', level: 'region', subtype: 'tinh' }, 'level'],
        [{ code: '1', name: 'X', level: 'province', subtype: 'xa' }, 'subtype'],
        [{ code: '1', name: 'X', level: 'commune', subtype: 'xa' }, 'parentId'],
        [
          { code: '1', name: 'X', level: 'province', subtype: 'tinh', validFrom: '20203-08-08' },
          'validFrom',
        ],
        [
          { code: '1', name: 'X', level: 'province', subtype: 'tinh', validFrom: '2025-02-30' },
          'validFrom',
        ],
      ];
      for (const [body, field] of cases) {
        const res = await w.as.admin.post('/api/v1/admin-units', body).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('requires a parent of a higher level', async () => {
      const res = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '919',
          name: 'Quận Cái Răng',
          level: 'district',
          subtype: 'quan',
          parentId: w.commune.id,
        })
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'parentId' });
      expect(res.body.errors[0].message).toMatch(/higher level/);
    });

    it('keeps a code unique among units in force at the same time, and lets it return in another era', async () => {
      const old = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '77',
          name: 'Tỉnh Cũ',
          level: 'province',
          subtype: 'tinh',
          validTo: '2025-06-30',
        })
        .expect(201);
      const clash = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '77',
          name: 'Tỉnh Trùng',
          level: 'province',
          subtype: 'tinh',
          validFrom: '2025-01-01',
        })
        .expect(409);
      expect(clash.body.detail).toMatch(/code/);
      const later = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '77',
          name: 'Tỉnh Mới',
          level: 'province',
          subtype: 'tinh',
          validFrom: '2025-07-01',
          successorIds: [],
        })
        .expect(201);
      await w.as.admin
        .patch(`/api/v1/admin-units/${old.body.id}`, { successorIds: [later.body.id] }, 1)
        .expect(200);

      const on2023 = await w.as.leader
        .get('/api/v1/admin-units?code=77&validOn=2023-08-08')
        .expect(200);
      expect(on2023.body.items.map((u: { name: string }) => u.name)).toEqual(['Tỉnh Cũ']);
      expect(on2023.body.items[0].successorIds).toEqual([later.body.id]);
      const on2025 = await w.as.leader
        .get('/api/v1/admin-units?code=77&validOn=2025-08-01')
        .expect(200);
      expect(on2025.body.items.map((u: { name: string }) => u.name)).toEqual(['Tỉnh Mới']);
      expect(on2025.body.items[0].predecessorIds).toEqual([old.body.id]);
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      const missing = await w.as.leader
        .get('/api/v1/admin-units/7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11')
        .expect(404);
      expect(missing.body).toMatchObject({ type: '/problems/not-found', status: 404 });
      const bad = await w.as.leader.get('/api/v1/admin-units/not-a-uuid').expect(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('updates only with the current If-Match, and keeps the record on a stale one', async () => {
      const created = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '66',
          name: 'Tỉnh Thử',
          level: 'province',
          subtype: 'tinh',
        })
        .expect(201);
      const path = `/api/v1/admin-units/${created.body.id}`;
      const missing = await w.as.admin.patch(path, { name: 'Tỉnh Đổi' }).expect(428);
      expect(missing.body.type).toBe('/problems/precondition-required');
      const updated = await w.as.admin
        .patch(path, { name: 'Tỉnh Đổi' }, versionOf(created))
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Tỉnh Đổi', version: 2 });
      expect(updated.headers.etag).toBe('"2"');
      await w.as.admin.patch(path, { name: 'Tỉnh Cũ Hơn' }, 1).expect(412);
      await w.as.admin.patch(path, { name: null }, 2).expect(400);
      const read = await w.as.admin.get(path).expect(200);
      expect(read.body.name).toBe('Tỉnh Đổi');
      expect(read.headers.etag).toBe('"2"');
    });

    it('deletes softly, hides the unit, and restores it', async () => {
      const created = await w.as.admin
        .post('/api/v1/admin-units', {
          code: '55',
          name: 'Tỉnh Xóa',
          level: 'province',
          subtype: 'tinh',
        })
        .expect(201);
      const path = `/api/v1/admin-units/${created.body.id}`;
      await w.as.admin.delete(path).expect(428);
      const deleted = await w.as.admin.delete(path, 1).expect(200);
      expect(deleted.body.deletedAt).not.toBeNull();
      await w.as.admin.get(path).expect(404);
      const listed = await w.as.admin.get('/api/v1/admin-units?code=55').expect(200);
      expect(listed.body.total).toBe(0);
      const bin = await w.as.admin.get('/api/v1/admin-units?code=55&deleted=true').expect(200);
      expect(bin.body.total).toBe(1);
      const restored = await w.as.admin
        .post(`${path}/restore`, undefined, versionOf(deleted))
        .expect(200);
      expect(restored.body.deletedAt).toBeNull();
      await w.as.admin.get(path).expect(200);
      await w.as.admin.post(`${path}/restore`, undefined, versionOf(restored)).expect(409);
    });

    it('refuses to delete a unit that still has units under it', async () => {
      const res = await w.as.admin
        .delete(`/api/v1/admin-units/${w.district.id}`, w.district.version)
        .expect(409);
      expect(res.body.detail).toMatch(/under it/);
    });
  });

  describe('organisations', () => {
    it('creates, finds by short name without diacritics, updates and deletes', async () => {
      const created = await w.as.staff
        .post('/api/v1/organisations', {
          name: 'Trung tâm Thông tin Khoa học và Công nghệ',
          shortName: 'TT Thông tin KH&CN',
          kind: 'department_unit',
          adminUnitId: w.province.id,
          parentId: w.department.id,
        })
        .expect(201);
      const found = await w.as.staff.get('/api/v1/organisations?q=thong%20tin').expect(200);
      expect(found.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
      const byParent = await w.as.staff
        .get(`/api/v1/organisations?parentId=${w.department.id}&sort=name`)
        .expect(200);
      expect(byParent.body.items.map((o: { name: string }) => o.name)).toEqual([
        'Trung tâm Thông tin Khoa học và Công nghệ',
        'Trung tâm Ứng dụng Tiến bộ KH&CN',
      ]);
      const path = `/api/v1/organisations/${created.body.id}`;
      const updated = await w.as.staff.patch(path, { shortName: null }, 1).expect(200);
      expect(updated.body.shortName).toBeNull();
      await w.as.staff.delete(path, 2).expect(200);
      await w.as.staff.get(path).expect(404);
    });

    it('refuses an unknown kind, a missing admin unit and a parent cycle', async () => {
      const kind = await w.as.staff
        .post('/api/v1/organisations', { name: 'X', kind: 'ministry' })
        .expect(400);
      expect(kind.body.errors[0].field).toBe('kind');
      const unit = await w.as.staff
        .post('/api/v1/organisations', {
          name: 'X',
          kind: 'other',
          adminUnitId: '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11',
        })
        .expect(400);
      expect(unit.body.errors).toEqual([
        { field: 'adminUnitId', message: 'no administrative unit has this id' },
      ]);
      const cycle = await w.as.staff
        .patch(
          `/api/v1/organisations/${w.department.id}`,
          { parentId: w.centre.id },
          w.department.version,
        )
        .expect(400);
      expect(cycle.body.errors[0].field).toBe('parentId');
    });

    it('refuses to delete an organisation others belong to', async () => {
      await w.as.staff
        .delete(`/api/v1/organisations/${w.department.id}`, w.department.version)
        .expect(409);
    });

    it('finds what people type: every word in any order, abbreviations, exact spelling first', async () => {
      for (const name of [
        'Ủy ban nhân dân xã Cổ Đông',
        'Ủy ban nhân dân huyện Cờ Đỏ',
        'Sở Khoa học và Công nghệ tỉnh Hậu Giang',
      ]) {
        await w.as.admin.post('/api/v1/organisations', { name, kind: 'other' }).expect(201);
      }
      const names = async (q: string) =>
        (
          await w.as.leader
            .get(`/api/v1/organisations?pageSize=100&q=${encodeURIComponent(q)}`)
            .expect(200)
        ).body.items.map((o: { name: string }) => o.name);
      expect(await names('ubnd co do')).toEqual(
        expect.arrayContaining(['Ủy ban nhân dân huyện Cờ Đỏ']),
      );
      expect(await names('co do ubnd')).toContain('Ủy ban nhân dân huyện Cờ Đỏ');
      // Typed diacritics put the exact spelling before "Cổ Đông", which also holds "co do".
      expect((await names('cờ đỏ')).slice(0, 2)).toEqual([
        'Ủy ban nhân dân huyện Cờ Đỏ',
        'Ủy ban nhân dân xã Cổ Đông',
      ]);
      expect(await names('KH&CN hau giang')).toEqual(['Sở Khoa học và Công nghệ tỉnh Hậu Giang']);
      expect(await names('ubnd hau giang')).toEqual([]);
    });
  });

  describe('people', () => {
    it('creates a contact, filters by organisation and searches by name', async () => {
      const created = await w.as.staff
        .post('/api/v1/people', {
          fullName: 'Trần Đông Phương An',
          position: 'Phó Giám đốc Sở',
          organisationId: w.department.id,
        })
        .expect(201);
      const byOrg = await w.as.staff
        .get(`/api/v1/people?organisationId=${w.department.id}&sort=fullName`)
        .expect(200);
      expect(byOrg.body.items.map((p: { fullName: string }) => p.fullName)).toEqual([
        'Trần Đông Phương An',
        'Trần Hoài Phương',
      ]);
      const search = await w.as.staff.get('/api/v1/people?q=dong%20phuong').expect(200);
      expect(search.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    });

    it('validates e-mail and phone', async () => {
      const res = await w.as.staff
        .post('/api/v1/people', { fullName: 'A', email: 'not-an-email', phone: 'call me' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'email',
        'phone',
      ]);
    });
  });

  describe('HTTP conventions', () => {
    it('answers an unknown route with problem details', async () => {
      const res = await w.as.staff.get('/api/v1/unicorns').expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 404,
        title: 'Not Found',
        type: '/problems/not-found',
      });
    });

    it('answers a 2 MB body with 413 and malformed JSON with 400, as problem details', async () => {
      const big = { name: 'x'.repeat(2 * 1024 * 1024) };
      const tooLarge = await w.as.admin.post('/api/v1/organisations', big).expect(413);
      expect(tooLarge.body).toMatchObject({ status: 413, type: '/problems/payload-too-large' });
      const malformed = await w.as.admin
        .call('post', '/api/v1/organisations')
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(malformed.body.detail).toMatch(/not valid JSON/);
    });

    it('never leaks a stack trace or SQL', async () => {
      const res = await w.as.admin.get(`/api/v1/admin-units?validOn=2023-13-45`).expect(400);
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|at .*\.ts|QueryFailedError/);
    });

    it('tags every response with a request id, the caller’s when it sent a sane one', async () => {
      const res = await w.as.staff
        .call('get', '/api/v1/people')
        .set('X-Request-Id', 'abc-123')
        .expect(200);
      expect(res.headers['x-request-id']).toBe('abc-123');
      const own = await w.as.staff.get('/api/v1/people').expect(200);
      expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('sets security headers and no CORS headers unless CORS_ORIGINS lists origins', async () => {
      const res = await w.anonymous
        .call('get', '/health/live')
        .set('Origin', 'https://evil.example')
        .expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });
});
