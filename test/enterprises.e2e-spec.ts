import request from 'supertest';
import {
  auditActions,
  countQueries,
  type Created,
  created,
  createTask,
  errorFields,
  itemIds,
} from './support/sessions';
import { TestClock } from './support/clock';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, versionOf, World } from './support/world';

const ENTERPRISES = '/api/v1/enterprises';
/** 10:00 on 10 March 2026 in Viet Nam. */
const NOW = '2026-03-10T03:00:00Z';
/** Tax codes with valid check digits under a province code no province has (99): test values. */
const TAX_CODES = ['9900000016', '9900000023', '9900000030', '9900000048', '9900000055'];

describe('Enterprises, their S&T certificates and support needs', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;
  let counter = 0;
  const unique = () => ++counter;

  beforeAll(async () => {
    clock = new TestClock(NOW);
    t = await startTestApp({ clock });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const body = (overrides: object = {}) => ({
    name: `Công ty TNHH Thử nghiệm ${unique()}`,
    legalForm: 'llc',
    adminUnitId: w.commune.id,
    ...overrides,
  });
  const createEnterprise = (as: Caller = w.as.staff, overrides: object = {}) =>
    created(as.post(ENTERPRISES, body(overrides)));
  const certificatesOf = (id: string) => `${ENTERPRISES}/${id}/st-certificates`;
  const needsOf = (id: string) => `${ENTERPRISES}/${id}/support-needs`;
  const certify = (enterpriseId: string, overrides: object = {}, as: Caller = w.as.staff) =>
    created(
      as.post(certificatesOf(enterpriseId), {
        certificateNumber: `MẪU-${unique()}/DNKHCN`,
        issuedOn: '2023-05-15',
        issuerOrganisationId: w.department.id,
        ...overrides,
      }),
    );
  const reportNeed = (enterpriseId: string, overrides: object = {}, as: Caller = w.as.staff) =>
    created(
      as.post(needsOf(enterpriseId), {
        category: 'quality_standards',
        description: 'Hỗ trợ xây dựng hệ thống quản lý chất lượng theo TCVN ISO 22000',
        reportedOn: '2023-08-08',
        ...overrides,
      }),
    );

  describe('the story of the article, through the API', () => {
    it('creates an enterprise, certifies it, records a need, confirms it, links a task and completes it; the view shows it all', async () => {
      // The district officer logs an enterprise of a ward of their district.
      const enterprise = await createEnterprise(w.as.district, {
        name: '  Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ ',
        taxCode: TAX_CODES[0],
        address: 'Phường Thới An Đông, quận Bình Thủy',
        sector: 'Sản phẩm từ cây chùm ngây',
        contactName: 'Nguyễn Văn A',
        phone: '0292 3 123 456',
        email: 'lienhe@moringa.example',
        website: 'https://moringa.example',
      });
      expect(enterprise.body).toMatchObject({
        name: 'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ',
        taxCode: TAX_CODES[0],
        legalForm: 'llc',
        adminUnitId: w.commune.id,
        adminUnit: {
          id: w.commune.id,
          code: '31174',
          name: 'Phường Thới An Đông',
          level: 'commune',
          provinceName: 'Thành phố Cần Thơ',
        },
        certified: false,
        version: 1,
      });
      expect(enterprise.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+\+07:00$/);

      // The Department records the certificate it issued.
      const certificate = await certify(enterprise.id, {
        certificateNumber: 'MẪU-01/DNKHCN',
        stResult: 'Quy trình sản xuất trà chùm ngây',
      });
      expect(certificate.body).toMatchObject({
        enterpriseId: enterprise.id,
        certificateNumber: 'MẪU-01/DNKHCN',
        issuedOn: '2023-05-15',
        issuerOrganisationId: w.department.id,
        issuerOrganisation: { id: w.department.id, name: 'Sở Khoa học và Công nghệ' },
        status: 'valid',
        endedOn: null,
        endReason: null,
        allowedActions: ['revoke', 'expire'],
      });

      // The officer records a need heard at the working session, then confirms it.
      const need = await reportNeed(enterprise.id, {}, w.as.district);
      expect(need.body).toMatchObject({
        status: 'reported',
        allowedActions: ['confirm', 'decline'],
      });
      const confirmed = await w.as.district
        .post(`${needsOf(enterprise.id)}/${need.id}/confirm`, {
          date: '2023-09-15',
          note: 'Giám đốc công ty xác nhận cần hỗ trợ xây dựng ISO 22000',
        })
        .expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        confirmedOn: '2023-09-15',
        confirmationNote: 'Giám đốc công ty xác nhận cần hỗ trợ xây dựng ISO 22000',
        allowedActions: ['support', 'decline'],
        version: 2,
      });

      // The Department gives a centre the task; the centre completes it.
      const task = await createTask(w.as.staff, w.centre.id, {
        title: 'Hỗ trợ doanh nghiệp xây dựng ISO 22000',
        subjectType: 'enterprise',
        subjectId: enterprise.id,
        dueDate: '2026-06-30',
      });
      await w.as.centre
        .post(`/api/v1/tasks/${task.id}/complete`, { note: 'Đã tư vấn' }, task.version)
        .expect(200);

      const view = await w.as.district.get(`${ENTERPRISES}/${enterprise.id}`).expect(200);
      expect(versionOf(view)).toBe(1);
      expect(view.body).toMatchObject({
        id: enterprise.id,
        certified: true,
        adminUnit: { name: 'Phường Thới An Đông' },
        certificates: [
          {
            id: certificate.id,
            certificateNumber: 'MẪU-01/DNKHCN',
            issuerOrganisation: { name: 'Sở Khoa học và Công nghệ' },
          },
        ],
        openSupportNeeds: [{ id: need.id, status: 'confirmed', confirmedOn: '2023-09-15' }],
        tasks: [
          {
            id: task.id,
            title: 'Hỗ trợ doanh nghiệp xây dựng ISO 22000',
            status: 'done',
            overdue: false,
            leadOrganisationId: w.centre.id,
            leadOrganisationName: 'Trung tâm Ứng dụng Tiến bộ KH&CN',
          },
        ],
      });

      // Once supported, the need is no longer open.
      await w.as.staff
        .post(`${needsOf(enterprise.id)}/${need.id}/support`, {
          date: '2023-11-20',
          note: 'Trung tâm đã tư vấn xây dựng ISO 22000',
        })
        .expect(200);
      const after = await w.as.leader.get(`${ENTERPRISES}/${enterprise.id}`).expect(200);
      expect(after.body.openSupportNeeds).toEqual([]);
      const closed = await w.as.leader.get(`${needsOf(enterprise.id)}?open=false`).expect(200);
      expect(itemIds(closed)).toEqual([need.id]);

      expect(await auditActions(w.as.admin, 'enterprise', enterprise.id)).toEqual(['create']);
      expect(await auditActions(w.as.admin, 'st_enterprise_certificate', certificate.id)).toEqual([
        'create',
      ]);
      expect(await auditActions(w.as.admin, 'support_need', need.id)).toEqual([
        'create',
        'confirm',
        'support',
      ]);
    });

    it('a revoked certificate removes the enterprise from certified=true; the years it was valid stay', async () => {
      const tag = `Thuhoi${unique()}`;
      const holding = await createEnterprise(w.as.staff, { name: `Công ty ${tag} Một` });
      const never = await createEnterprise(w.as.staff, { name: `Công ty ${tag} Hai` });
      const revoked = await createEnterprise(w.as.staff, { name: `Công ty ${tag} Ba` });
      await certify(holding.id, { issuedOn: '2023-05-15' });
      const toRevoke = await certify(revoked.id, { issuedOn: '2023-06-01' });

      const list = (filter: string) =>
        w.as.leader.get(`${ENTERPRISES}?q=${tag}&${filter}&sort=name`).expect(200);
      expect(itemIds(await list('certified=true'))).toEqual([revoked.id, holding.id]);

      const revoke = await w.as.staff
        .post(
          `${certificatesOf(revoked.id)}/${toRevoke.id}/revoke`,
          { date: '2025-01-01', reason: 'Quyết định thu hồi (mẫu): không còn đáp ứng điều kiện' },
          toRevoke.version,
        )
        .expect(200);
      expect(revoke.body).toMatchObject({
        status: 'revoked',
        endedOn: '2025-01-01',
        endReason: 'Quyết định thu hồi (mẫu): không còn đáp ứng điều kiện',
        allowedActions: [],
        version: 2,
      });
      expect(itemIds(await list('certified=true'))).toEqual([holding.id]);
      expect(itemIds(await list('certified=false'))).toEqual([revoked.id, never.id]);
      const view = await w.as.staff.get(`${ENTERPRISES}/${revoked.id}`).expect(200);
      expect(view.body).toMatchObject({ certified: false, certificates: [{ status: 'revoked' }] });

      // Valid [2023-06-01, 2025-01-01): certified in 2023 and 2024, not in 2025.
      expect(itemIds(await list('certifiedInYear=2022'))).toEqual([]);
      expect(itemIds(await list('certifiedInYear=2024'))).toEqual([revoked.id, holding.id]);
      expect(itemIds(await list('certifiedInYear=2025'))).toEqual([holding.id]);

      // Revoked is final; a new certificate certifies it again.
      const again = await w.as.staff
        .post(`${certificatesOf(revoked.id)}/${toRevoke.id}/revoke`, {
          date: '2025-01-02',
          reason: 'x',
        })
        .expect(409);
      expect(again.body.detail).toMatch(
        /^Cannot revoke the S&T enterprise certificate “.+”, which is revoked; allowed actions: none$/,
      );
      await certify(revoked.id, { issuedOn: '2025-06-01' });
      expect(itemIds(await list('certified=true'))).toEqual([revoked.id, holding.id]);
      expect(await auditActions(w.as.admin, 'st_enterprise_certificate', toRevoke.id)).toEqual([
        'create',
        'revoke',
      ]);
    });

    it('expires a certificate with a dated reason, checked against the issue date and today', async () => {
      const enterprise = await createEnterprise();
      const certificate = await certify(enterprise.id, { issuedOn: '2023-05-15' });
      const expire = (date: string) =>
        w.as.staff.post(`${certificatesOf(enterprise.id)}/${certificate.id}/expire`, {
          date,
          reason: 'Hết thời hạn',
        });
      const early = await expire('2023-05-14').expect(400);
      expect(early.body.errors).toEqual([
        {
          field: 'date',
          message: 'must not be before the issue date (2023-05-15); got 2023-05-14',
        },
      ]);
      const future = await expire('2026-03-11').expect(400);
      expect(future.body.errors[0].message).toBe(
        'must not be after today in Viet Nam (2026-03-10); got 2026-03-11',
      );
      const typo = await expire('20203-01-01').expect(400);
      expect(errorFields(typo)).toEqual(['date']);
      const noReason = await w.as.staff
        .post(`${certificatesOf(enterprise.id)}/${certificate.id}/expire`, { date: '2024-01-01' })
        .expect(400);
      expect(errorFields(noReason)).toEqual(['reason']);
      const expired = await expire('2026-03-10').expect(200);
      expect(expired.body).toMatchObject({ status: 'expired', endedOn: '2026-03-10' });
      // A certificate cannot be moved to start after it ended.
      const moved = await w.as.staff
        .patch(`${certificatesOf(enterprise.id)}/${certificate.id}`, { issuedOn: '2026-03-10' }, 2)
        .expect(200);
      expect(moved.body.issuedOn).toBe('2026-03-10');
      await w.as.staff
        .patch(`${certificatesOf(enterprise.id)}/${certificate.id}`, { issuedOn: '2026-03-11' }, 3)
        .expect(400);
    });
  });

  describe('enterprises', () => {
    it('checks the tax code: format, check digit, branch form; unique among live enterprises', async () => {
      const bad: [unknown, RegExp][] = [
        ['9900000017', /^has the wrong check digit: 990000001 must end in 6, not 7/],
        ['990000001', /got 9 digit\(s\)$/],
        ['99000000160', /got 11 digit\(s\)$/],
        ['99000000A6', /^must hold only digits/],
        ['9900000016002', /got 13 digit\(s\)$/],
        [12345, /^must be a string$/],
      ];
      for (const [taxCode, message] of bad) {
        const res = await w.as.staff.post(ENTERPRISES, body({ taxCode })).expect(400);
        expect(res.body.errors).toEqual([
          { field: 'taxCode', message: expect.stringMatching(message) },
        ]);
      }

      const first = await createEnterprise(w.as.staff, { taxCode: TAX_CODES[1] });
      const branch = await createEnterprise(w.as.staff, { taxCode: `${TAX_CODES[1]}-001` });
      expect(branch.body.taxCode).toBe(`${TAX_CODES[1]}-001`);
      // Unique across districts: a district officer learns only that the code is taken.
      const duplicate = await w.as.district
        .post(ENTERPRISES, body({ taxCode: TAX_CODES[1] }))
        .expect(409);
      expect(duplicate.body.detail).toBe('Another enterprise already has this tax code');
      // No tax code yet: as many as needed.
      await createEnterprise(w.as.staff, { taxCode: null });
      await createEnterprise(w.as.staff);

      // Deleting frees the code; restoring while another holds it is a conflict.
      const deleted = await w.as.staff.delete(`${ENTERPRISES}/${first.id}`, 1).expect(200);
      const second = await createEnterprise(w.as.staff, { taxCode: TAX_CODES[1] });
      const restore = await w.as.staff
        .post(`${ENTERPRISES}/${first.id}/restore`, undefined, versionOf(deleted))
        .expect(409);
      expect(restore.body.detail).toBe('Another enterprise already has this tax code');
      const cleared = await w.as.staff
        .patch(`${ENTERPRISES}/${second.id}`, { taxCode: null }, 1)
        .expect(200);
      expect(cleared.body.taxCode).toBeNull();
      await w.as.staff
        .post(`${ENTERPRISES}/${first.id}/restore`, undefined, versionOf(deleted))
        .expect(200);
    });

    it('validates the other fields, naming each', async () => {
      const cases: [object, string, RegExp][] = [
        [{ phone: '12345' }, 'phone', /must start with 0/],
        [{ phone: '0912 345 67x' }, 'phone', /^must be a phone number/],
        [{ phone: '091234567' }, 'phone', /got 9$/],
        [{ email: 'lienhe@' }, 'email', /email address/],
        [{ website: 'moringa.example' }, 'website', /http/],
        [{ website: 'ftp://moringa.example' }, 'website', /http/],
        [{ legalForm: 'tnhh' }, 'legalForm', /must be one of/],
        [{ adminUnitId: w.department.id }, 'adminUnitId', /no administrative unit/],
        [{ adminUnitId: w.province.id }, 'adminUnitId', /is a province/],
        [{ name: '' }, 'name', /longer than or equal to 1/],
        [{ certified: true }, 'certified', /not an allowed field/],
      ];
      for (const [overrides, field, message] of cases) {
        const res = await w.as.staff.post(ENTERPRISES, body(overrides)).expect(400);
        expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
      }
      for (const phone of ['0912.345.678', '+84 912 345 678', '1800 1234']) {
        await createEnterprise(w.as.staff, { phone });
      }
      const enterprise = await createEnterprise();
      const nulls = await w.as.staff
        .patch(`${ENTERPRISES}/${enterprise.id}`, { name: null, legalForm: null }, 1)
        .expect(400);
      expect(errorFields(nulls)).toEqual(['name', 'legalForm']);
    });

    it('finds enterprises by words of the name in any order, diacritics ignored, or by tax code', async () => {
      const fungi = await createEnterprise(w.as.staff, {
        name: 'Công ty Cổ phần Dược thảo Fungi Thử',
        legalForm: 'joint_stock',
        taxCode: TAX_CODES[2],
        sector: 'Dược liệu, nấm dược liệu',
      });
      const moringa = await createEnterprise(w.as.staff, {
        name: 'Công ty TNHH sản xuất nhập khẩu Moringa Thử',
        adminUnitId: w.otherCommune.id,
      });
      const search = async (query: string) =>
        itemIds(await w.as.leader.get(`${ENTERPRISES}?${query}`).expect(200));
      for (const q of [
        'duoc thao fungi',
        'FUNGI cổ phần',
        'fungi thu cong ty',
        TAX_CODES[2],
        '99000000',
      ]) {
        expect(await search(`q=${encodeURIComponent(q)}`)).toContain(fungi.id);
      }
      expect(await search(`q=${encodeURIComponent('tnhh moringa thu')}`)).toEqual([moringa.id]);
      expect(await search(`q=${encodeURIComponent('fungi moringa')}`)).toEqual([]);
      expect(await search(`q=thu&legalForm=joint_stock&sector=nam%20duoc`)).toEqual([fungi.id]);
      // The district's enterprises (in its wards too); the officer sees only theirs.
      expect(await search(`q=thu&adminUnitId=${w.otherDistrict.id}`)).toEqual([moringa.id]);
      const theirs = itemIds(await w.as.district.get(`${ENTERPRISES}?q=thu`).expect(200));
      expect(theirs).toContain(fungi.id);
      expect(theirs).not.toContain(moringa.id);
      await w.as.leader.get(`${ENTERPRISES}?sort=taxCode`).expect(400);
      await w.as.leader.get(`${ENTERPRISES}?certified=yes`).expect(400);
    });

    it('keeps a district officer’s enterprises in their district', async () => {
      const outside = await w.as.district
        .post(ENTERPRISES, body({ adminUnitId: w.otherCommune.id }))
        .expect(400);
      expect(outside.body.errors).toEqual([
        { field: 'adminUnitId', message: 'must be your district or one of its communes' },
      ]);
      const own = await createEnterprise(w.as.district, { adminUnitId: w.district.id });
      const moved = await w.as.district
        .patch(`${ENTERPRISES}/${own.id}`, { adminUnitId: w.otherDistrict.id }, 1)
        .expect(400);
      expect(errorFields(moved)).toEqual(['adminUnitId']);
      await w.as.district.get(`${ENTERPRISES}/${own.id}`).expect(200);
    });

    it('changes, deletes and restores at the version read, audited; a change that changes nothing writes nothing', async () => {
      const enterprise = await createEnterprise(w.as.district);
      const path = `${ENTERPRISES}/${enterprise.id}`;
      await w.as.district.patch(path, { sector: 'Nông nghiệp' }).expect(428);
      const changed = await w.as.district.patch(path, { sector: 'Nông nghiệp' }, 1).expect(200);
      expect(changed.body).toMatchObject({ sector: 'Nông nghiệp', version: 2 });
      expect(changed.headers.etag).toBe('"2"');
      await w.as.district.patch(path, { sector: 'Khác' }, 1).expect(412);
      await w.as.district.patch(path, { sector: 'Nông nghiệp' }, 2).expect(200);
      await w.as.district.delete(path).expect(428);
      await w.as.district.delete(path, 1).expect(412);
      await w.as.district.delete(path, 2).expect(200);
      await w.as.district.get(path).expect(404);
      const bin = await w.as.district.get(`${ENTERPRISES}?deleted=true`).expect(200);
      expect(itemIds(bin)).toContain(enterprise.id);
      await w.as.leader.get(`${ENTERPRISES}?deleted=true`).expect(403);
      await w.as.district.post(`${path}/restore`, undefined, 3).expect(200);
      expect(await auditActions(w.as.admin, 'enterprise', enterprise.id)).toEqual([
        'create',
        'update',
        'delete',
        'restore',
      ]);
    });
  });

  describe('certificates and needs', () => {
    it('numbers certificates uniquely per issuer, names the issuer, and checks the issue date', async () => {
      const a = await createEnterprise();
      const b = await createEnterprise();
      await certify(a.id, { certificateNumber: 'MẪU-TRÙNG/DNKHCN' });
      const duplicate = await w.as.staff
        .post(certificatesOf(b.id), {
          certificateNumber: 'MẪU-TRÙNG/DNKHCN',
          issuedOn: '2024-01-10',
          issuerOrganisationId: w.department.id,
        })
        .expect(409);
      expect(duplicate.body.detail).toBe('The issuer already has a certificate with this number');
      // Another Department numbers its own certificates.
      const other = await created(
        w.as.admin.post('/api/v1/organisations', {
          name: 'Sở Khoa học và Công nghệ tỉnh Thử',
          kind: 'department',
        }),
      );
      await certify(b.id, {
        certificateNumber: 'MẪU-TRÙNG/DNKHCN',
        issuerOrganisationId: other.id,
      });
      const cases: [object, string, RegExp][] = [
        [{ issuedOn: '2026-03-11' }, 'issuedOn', /after today in Viet Nam \(2026-03-10\)/],
        [{ issuedOn: '8/8/2023' }, 'issuedOn', /YYYY-MM-DD/],
        [{ issuedOn: '20203-08-08' }, 'issuedOn', /YYYY-MM-DD/],
        [{ issuerOrganisationId: a.id }, 'issuerOrganisationId', /no organisation has this id/],
        [{ status: 'revoked' }, 'status', /not an allowed field/],
      ];
      for (const [overrides, field, message] of cases) {
        const res = await w.as.staff
          .post(certificatesOf(a.id), {
            certificateNumber: `MẪU-${unique()}`,
            issuedOn: '2023-05-15',
            issuerOrganisationId: w.department.id,
            ...overrides,
          })
          .expect(400);
        expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
      }
    });

    it('moves needs only along reported → confirmed → supported | declined, in date order', async () => {
      const enterprise = await createEnterprise();
      const need = await reportNeed(enterprise.id, { category: 'intellectual_property' });
      const act = (action: string, date: string, version?: number) =>
        w.as.staff.post(
          `${needsOf(enterprise.id)}/${need.id}/${action}`,
          { date, note: 'Ghi chú' },
          version,
        );
      const early = await act('support', '2023-09-01').expect(409);
      expect(early.body).toMatchObject({
        status: 409,
        detail: expect.stringMatching(
          /^Cannot support the support need “.+”, which is reported; allowed actions: confirm, decline$/,
        ),
      });
      const before = await act('confirm', '2023-08-07').expect(400);
      expect(before.body.errors).toEqual([
        {
          field: 'date',
          message: 'must not be before the reported date (2023-08-08); got 2023-08-07',
        },
      ]);
      const noNote = await w.as.staff
        .post(`${needsOf(enterprise.id)}/${need.id}/confirm`, { date: '2023-09-01' })
        .expect(400);
      expect(errorFields(noNote)).toEqual(['note']);
      await act('confirm', '2023-09-01', 2).expect(412);
      await act('confirm', '2023-09-01', 1).expect(200);
      await act('confirm', '2023-09-02').expect(409);
      // The reported date cannot move after the confirmation.
      const moved = await w.as.staff
        .patch(`${needsOf(enterprise.id)}/${need.id}`, { reportedOn: '2023-09-02' }, 2)
        .expect(400);
      expect(moved.body.errors[0].message).toMatch(/confirmed or resolved \(2023-09-01\)/);
      const declined = await act('decline', '2023-10-01').expect(200);
      expect(declined.body).toMatchObject({
        status: 'declined',
        confirmedOn: '2023-09-01',
        resolvedOn: '2023-10-01',
        resolutionNote: 'Ghi chú',
        allowedActions: [],
      });
      const future = await w.as.staff
        .post(needsOf(enterprise.id), {
          category: 'other',
          description: 'x',
          reportedOn: '2026-03-11',
        })
        .expect(400);
      expect(future.body.errors).toEqual([
        {
          field: 'reportedOn',
          message: 'must not be after today in Viet Nam (2026-03-10); got 2026-03-11',
        },
      ]);
      const category = await w.as.staff
        .post(needsOf(enterprise.id), {
          category: 'iso',
          description: 'x',
          reportedOn: '2023-08-08',
        })
        .expect(400);
      expect(errorFields(category)).toEqual(['category']);
    });

    it('reaches children only through their own enterprise, and not once it is deleted', async () => {
      const a = await createEnterprise();
      const b = await createEnterprise();
      const certificate = await certify(a.id);
      const need = await reportNeed(a.id);
      await w.as.staff.get(`${certificatesOf(b.id)}/${certificate.id}`).expect(404);
      await w.as.staff.get(`${needsOf(b.id)}/${need.id}`).expect(404);
      await w.as.staff.patch(`${needsOf(b.id)}/${need.id}`, { description: 'Khác' }, 1).expect(404);
      const deleted = await w.as.staff.delete(`${ENTERPRISES}/${a.id}`, 1).expect(200);
      await w.as.staff.get(`${certificatesOf(a.id)}`).expect(404);
      await w.as.staff.get(`${certificatesOf(a.id)}/${certificate.id}`).expect(404);
      await w.as.staff.get(`${needsOf(a.id)}/${need.id}`).expect(404);
      await w.as.staff
        .post(needsOf(a.id), { category: 'other', description: 'x', reportedOn: '2024-01-01' })
        .expect(404);
      await w.as.staff
        .post(`${ENTERPRISES}/${a.id}/restore`, undefined, versionOf(deleted))
        .expect(200);
      const view = await w.as.staff.get(`${ENTERPRISES}/${a.id}`).expect(200);
      expect(view.body).toMatchObject({
        certified: true,
        certificates: [{ id: certificate.id }],
        openSupportNeeds: [{ id: need.id }],
      });
      expect(await auditActions(w.as.admin, 'support_need', need.id)).toEqual(['create']);
    });

    it('audits corrections and deletions of certificates and needs', async () => {
      const enterprise = await createEnterprise();
      const certificate = await certify(enterprise.id);
      const need = await reportNeed(enterprise.id);
      const certificatePath = `${certificatesOf(enterprise.id)}/${certificate.id}`;
      const needPath = `${needsOf(enterprise.id)}/${need.id}`;
      await w.as.staff.patch(certificatePath, { stResult: 'Quy trình' }).expect(428);
      await w.as.staff.patch(certificatePath, { stResult: 'Quy trình' }, 1).expect(200);
      await w.as.staff.patch(certificatePath, { stResult: 'Quy trình' }, 2).expect(200);
      await w.as.staff.delete(certificatePath, 2).expect(200);
      await w.as.staff.patch(needPath, { description: 'Đào tạo' }, 1).expect(200);
      await w.as.staff.delete(needPath).expect(428);
      await w.as.staff.delete(needPath, 2).expect(200);
      expect(await auditActions(w.as.admin, 'st_enterprise_certificate', certificate.id)).toEqual([
        'create',
        'update',
        'delete',
      ]);
      expect(await auditActions(w.as.admin, 'support_need', need.id)).toEqual([
        'create',
        'update',
        'delete',
      ]);
      const view = await w.as.staff.get(`${ENTERPRISES}/${enterprise.id}`).expect(200);
      expect(view.body).toMatchObject({ certified: false, certificates: [], openSupportNeeds: [] });
    });
  });

  it('shows an enterprise whole in the same number of queries, however much it holds', async () => {
    const filled = async (count: number) => {
      const enterprise = await createEnterprise();
      for (let i = 0; i < count; i++) {
        await certify(enterprise.id);
        await reportNeed(enterprise.id);
        await createTask(w.as.staff, i % 2 === 0 ? w.centre.id : w.department.id, {
          subjectType: 'enterprise',
          subjectId: enterprise.id,
        });
      }
      return enterprise;
    };
    const small = await filled(1);
    const big = await filled(6);
    let view:
      { certificates: unknown[]; openSupportNeeds: unknown[]; tasks: unknown[] } | undefined;
    const bigQueries = await countQueries(t.dataSource, async () => {
      view = (await w.as.district.get(`${ENTERPRISES}/${big.id}`).expect(200)).body;
    });
    const smallQueries = await countQueries(t.dataSource, () =>
      w.as.district.get(`${ENTERPRISES}/${small.id}`).expect(200),
    );
    expect(view!.certificates).toHaveLength(6);
    expect(view!.openSupportNeeds).toHaveLength(6);
    expect(view!.tasks).toHaveLength(6);
    expect(bigQueries).toBe(smallQueries);
    // The enterprise, certificates, needs, tasks and their units' names, the issuers' names, the
    // enterprise's unit.
    expect(bigQueries).toBe(7);
    const listQueries = await countQueries(t.dataSource, () =>
      w.as.leader.get(`${ENTERPRISES}?pageSize=100`).expect(200),
    );
    // The page (its total too, as it fits on one), the units' names, which are certified.
    expect(listQueries).toBe(3);
  });

  it('declares If-Match in the OpenAPI document: required on changes, optional on status actions', async () => {
    const document = (await request(t.http).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; required?: boolean }[] }>
      >;
    };
    const ifMatch = (path: string, method: string) =>
      document.paths[path][method].parameters?.find((p) => p.name === 'If-Match')?.required;
    expect(ifMatch('/api/v1/enterprises/{id}', 'patch')).toBe(true);
    expect(ifMatch('/api/v1/enterprises/{id}', 'delete')).toBe(true);
    expect(ifMatch('/api/v1/enterprises/{id}/restore', 'post')).toBe(true);
    expect(ifMatch('/api/v1/enterprises/{id}/st-certificates/{certificateId}', 'patch')).toBe(true);
    expect(ifMatch('/api/v1/enterprises/{id}/support-needs/{needId}', 'patch')).toBe(true);
    for (const action of ['revoke', 'expire']) {
      expect(
        ifMatch(`/api/v1/enterprises/{id}/st-certificates/{certificateId}/${action}`, 'post'),
      ).toBe(false);
    }
    for (const action of ['confirm', 'support', 'decline']) {
      expect(ifMatch(`/api/v1/enterprises/{id}/support-needs/{needId}/${action}`, 'post')).toBe(
        false,
      );
    }
  });

  describe('access', () => {
    const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    type Expect = Record<CallerName, number>;
    const all = (status: number): Expect => ({
      admin: status,
      staff: status,
      centre: status,
      district: status,
      leader: status,
    });
    /** The Department and, in their district, district officers. */
    const keepers = (status: number, district = status): Expect => ({
      ...all(403),
      admin: status,
      staff: status,
      district,
    });
    const department = (status: number): Expect => ({ ...all(403), admin: status, staff: status });

    /** A fresh enterprise in `unitId` with a certificate and a need, for one caller's request. */
    const fixture = async (unitId: string) => {
      const enterprise = await createEnterprise(w.as.admin, { adminUnitId: unitId });
      const certificate = await certify(enterprise.id, {}, w.as.admin);
      const need = await reportNeed(enterprise.id, {}, w.as.admin);
      return { enterprise, certificate, need };
    };
    type Fixture = { enterprise: Created; certificate: Created; need: Created };

    const cases: {
      name: string;
      run: (as: Caller, f: Fixture) => request.Test;
      inDistrict: Expect;
      otherDistrict: Expect;
    }[] = [
      {
        name: 'GET the list',
        run: (as) => as.get(ENTERPRISES),
        inDistrict: all(200),
        otherDistrict: all(200),
      },
      {
        name: 'GET an enterprise',
        run: (as, f) => as.get(`${ENTERPRISES}/${f.enterprise.id}`),
        inDistrict: all(200),
        otherDistrict: { ...all(200), district: 404 },
      },
      {
        name: 'POST an enterprise there',
        run: (as, f) => as.post(ENTERPRISES, body({ adminUnitId: f.enterprise.body.adminUnitId })),
        inDistrict: keepers(201),
        otherDistrict: keepers(201, 400),
      },
      {
        name: 'PATCH an enterprise',
        run: (as, f) => as.patch(`${ENTERPRISES}/${f.enterprise.id}`, { sector: 'Khác' }, 1),
        inDistrict: keepers(200),
        otherDistrict: keepers(200, 404),
      },
      {
        name: 'DELETE an enterprise',
        run: (as, f) => as.delete(`${ENTERPRISES}/${f.enterprise.id}`, 1),
        inDistrict: keepers(200),
        otherDistrict: keepers(200, 404),
      },
      {
        name: 'POST restore an enterprise (not deleted: 409)',
        run: (as, f) => as.post(`${ENTERPRISES}/${f.enterprise.id}/restore`, undefined, 1),
        inDistrict: keepers(409),
        otherDistrict: keepers(409, 404),
      },
      {
        name: 'GET certificates',
        run: (as, f) => as.get(certificatesOf(f.enterprise.id)),
        inDistrict: all(200),
        otherDistrict: { ...all(200), district: 404 },
      },
      {
        name: 'GET a certificate',
        run: (as, f) => as.get(`${certificatesOf(f.enterprise.id)}/${f.certificate.id}`),
        inDistrict: all(200),
        otherDistrict: { ...all(200), district: 404 },
      },
      {
        name: 'POST a certificate',
        run: (as, f) =>
          as.post(certificatesOf(f.enterprise.id), {
            certificateNumber: `MẪU-${unique()}`,
            issuedOn: '2024-02-01',
            issuerOrganisationId: w.department.id,
          }),
        inDistrict: department(201),
        otherDistrict: department(201),
      },
      {
        name: 'PATCH a certificate',
        run: (as, f) =>
          as.patch(
            `${certificatesOf(f.enterprise.id)}/${f.certificate.id}`,
            { stResult: 'Kết quả' },
            1,
          ),
        inDistrict: department(200),
        otherDistrict: department(200),
      },
      {
        name: 'POST revoke a certificate',
        run: (as, f) =>
          as.post(`${certificatesOf(f.enterprise.id)}/${f.certificate.id}/revoke`, {
            date: '2025-01-01',
            reason: 'Thu hồi',
          }),
        inDistrict: department(200),
        otherDistrict: department(200),
      },
      {
        name: 'POST expire a certificate',
        run: (as, f) =>
          as.post(`${certificatesOf(f.enterprise.id)}/${f.certificate.id}/expire`, {
            date: '2025-01-01',
            reason: 'Hết hiệu lực',
          }),
        inDistrict: department(200),
        otherDistrict: department(200),
      },
      {
        name: 'DELETE a certificate',
        run: (as, f) => as.delete(`${certificatesOf(f.enterprise.id)}/${f.certificate.id}`, 1),
        inDistrict: department(200),
        otherDistrict: department(200),
      },
      {
        name: 'GET needs',
        run: (as, f) => as.get(needsOf(f.enterprise.id)),
        inDistrict: all(200),
        otherDistrict: { ...all(200), district: 404 },
      },
      {
        name: 'GET a need',
        run: (as, f) => as.get(`${needsOf(f.enterprise.id)}/${f.need.id}`),
        inDistrict: all(200),
        otherDistrict: { ...all(200), district: 404 },
      },
      {
        name: 'POST a need',
        run: (as, f) =>
          as.post(needsOf(f.enterprise.id), {
            category: 'training',
            description: 'Đào tạo',
            reportedOn: '2024-01-01',
          }),
        inDistrict: keepers(201),
        otherDistrict: keepers(201, 404),
      },
      {
        name: 'PATCH a need',
        run: (as, f) =>
          as.patch(`${needsOf(f.enterprise.id)}/${f.need.id}`, { category: 'funding' }, 1),
        inDistrict: keepers(200),
        otherDistrict: keepers(200, 404),
      },
      ...['confirm', 'decline'].map((action) => ({
        name: `POST ${action} a need`,
        run: (as: Caller, f: Fixture) =>
          as.post(`${needsOf(f.enterprise.id)}/${f.need.id}/${action}`, {
            date: '2024-01-01',
            note: 'Ghi chú',
          }),
        inDistrict: keepers(200),
        otherDistrict: keepers(200, 404),
      })),
      {
        name: 'POST support a need (reported: 409 for those who may act)',
        run: (as, f) =>
          as.post(`${needsOf(f.enterprise.id)}/${f.need.id}/support`, {
            date: '2024-01-01',
            note: 'Ghi chú',
          }),
        inDistrict: keepers(409),
        otherDistrict: keepers(409, 404),
      },
      {
        name: 'DELETE a need',
        run: (as, f) => as.delete(`${needsOf(f.enterprise.id)}/${f.need.id}`, 1),
        inDistrict: keepers(200),
        otherDistrict: keepers(200, 404),
      },
    ];

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      for (const [where, unitId, expected] of [
        ['in the district (a ward)', () => w.commune.id, c.inDistrict],
        ['in another district', () => w.otherCommune.id, c.otherDistrict],
      ] as const) {
        for (const caller of CALLERS) {
          const f = await fixture(unitId());
          const res = await c.run(w.as[caller], f);
          expect({ where, caller, status: res.status }).toEqual({
            where,
            caller,
            status: expected[caller],
          });
        }
      }
    });

    it('tells a district officer that certificates are the Department’s to revoke (403)', async () => {
      const f = await fixture(w.commune.id);
      const res = await w.as.district
        .post(`${certificatesOf(f.enterprise.id)}/${f.certificate.id}/revoke`, {
          date: '2025-01-01',
          reason: 'x',
        })
        .expect(403);
      expect(res.body.detail).toBe(
        'Your role (district_officer) may not do this; it is for: admin, department_staff',
      );
    });
  });
});
