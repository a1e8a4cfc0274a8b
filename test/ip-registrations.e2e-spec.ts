import type request from 'supertest';
import { SYSTEM_ACTOR } from '@app/platform';
import { AdminUnitsService, OrganisationsService } from '@app/registry';
import {
  auditActions,
  countQueries,
  type Created,
  created,
  createTask,
  errorFields,
  itemIds,
  itemsOf,
} from './support/sessions';
import { TestClock } from './support/clock';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, signIn, versionOf, World } from './support/world';

const REGS = '/api/v1/ip-registrations';
/** 10:00 on 15 January 2026 in Viet Nam. */
const NOW = '2026-01-15T03:00:00Z';

describe('IP registrations', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;
  /** Huyện Cờ Đỏ, another district of the city, with its township and a cooperative there. */
  let coDo: { id: string };
  let coDoTown: { id: string };
  let coDoOwner: { id: string };
  /** A cooperative in phường Thới An Đông (quận Bình Thủy). */
  let owner: { id: string; name: string };
  let programme: Created;
  let serial = 0;
  /** A fresh application number of 2024, so tests never collide. */
  const nextNumber = (prefix = '4', year = '2024') =>
    `${prefix}-${year}-${String(++serial).padStart(5, '0')}`;

  beforeAll(async () => {
    clock = new TestClock(NOW);
    t = await startTestApp({ clock });
    w = await buildWorld(t);
    const units = t.app.get(AdminUnitsService);
    const orgs = t.app.get(OrganisationsService);
    coDo = await units.create(SYSTEM_ACTOR, {
      code: '925',
      name: 'Huyện Cờ Đỏ',
      level: 'district',
      subtype: 'huyen',
      parentId: w.province.id,
    });
    coDoTown = await units.create(SYSTEM_ACTOR, {
      code: '31261',
      name: 'Thị trấn Cờ Đỏ',
      level: 'commune',
      subtype: 'thi_tran',
      parentId: coDo.id,
    });
    coDoOwner = await orgs.create(SYSTEM_ACTOR, {
      name: 'Hợp tác xã Lúa gạo Cờ Đỏ',
      kind: 'cooperative',
      adminUnitId: coDoTown.id,
    });
    owner = await orgs.create(SYSTEM_ACTOR, {
      name: 'Hợp tác xã Nấm bào ngư Thới An Đông',
      shortName: 'HTX Nấm Thới An Đông',
      kind: 'cooperative',
      adminUnitId: w.commune.id,
    });
    programme = await created(
      w.as.staff.post('/api/v1/programmes', {
        code: 'SHTT-2023',
        name: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023',
        ownerOrganisationId: w.department.id,
        startYear: 2023,
        endYear: 2023,
      }),
    );
  });
  afterAll(() => t.close());

  const body = (overrides: object = {}) => ({
    kind: 'collective_mark',
    name: 'Nấm bào ngư phường Thới An Đông',
    product: 'Nấm bào ngư',
    niceClasses: [31],
    ownerOrganisationId: owner.id,
    adminUnitId: w.commune.id,
    supportingOrganisationId: w.districtOffice.id,
    programmeId: programme.id,
    supportYear: 2023,
    ...overrides,
  });
  const register = (overrides: object = {}, as: Caller = w.as.staff) =>
    created(as.post(REGS, body(overrides)));
  const record = (id: string, event: object, as: Caller = w.as.staff, ifMatch?: number | string) =>
    as.post(`${REGS}/${id}/events`, event, ifMatch);
  /** Records an event that must succeed; the registration as it then stands. */
  const recorded = async (id: string, event: object, as: Caller = w.as.staff) => {
    const res = await record(id, event, as);
    if (res.status !== 200) {
      throw new Error(`Expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res;
  };
  /** A registration taken to `published`, filed on `filed` with a fresh number. */
  const published = async (overrides: object = {}, filed = '2024-03-15') => {
    const reg = await register(overrides);
    const applicationNumber = nextNumber('4', filed.slice(0, 4));
    await recorded(reg.id, { type: 'filed', date: filed, applicationNumber });
    await recorded(reg.id, { type: 'formality_accepted', date: filed });
    await recorded(reg.id, { type: 'published', date: filed });
    return { ...reg, applicationNumber };
  };
  /** Runs `work` with the clock at `iso` and a caller signed in then; puts the clock back. */
  const at = async (iso: string, work: (staff: Caller) => Promise<void>) => {
    clock.set(iso);
    try {
      await work(await signIn(t, 'test.staff'));
    } finally {
      clock.set(NOW);
    }
  };

  describe('recording', () => {
    it('records a registration being prepared, with names beside ids and instants in +07:00', async () => {
      const reg = await register({ niceClasses: [31, 29] }, w.as.district);
      expect(reg.version).toBe(1);
      expect(reg.body).toMatchObject({
        kind: 'collective_mark',
        name: 'Nấm bào ngư phường Thới An Đông',
        product: 'Nấm bào ngư',
        niceClasses: [29, 31],
        ownerOrganisationId: owner.id,
        ownerOrganisation: { id: owner.id, name: owner.name, shortName: 'HTX Nấm Thới An Đông' },
        adminUnitId: w.commune.id,
        adminUnit: {
          id: w.commune.id,
          code: '31174',
          name: 'Phường Thới An Đông',
          level: 'commune',
          provinceName: 'Thành phố Cần Thơ',
        },
        supportingOrganisationId: w.districtOffice.id,
        supportingOrganisation: { id: w.districtOffice.id, name: 'Phòng Kinh tế quận Bình Thủy' },
        programmeId: programme.id,
        programme: { id: programme.id, code: 'SHTT-2023' },
        supportYear: 2023,
        status: 'preparing',
        statusSince: null,
        applicationNumber: null,
        expiresOn: null,
        renewalDue: false,
        examinationStage: null,
        examinationOverdue: false,
        allowedEvents: ['filed'],
      });
      expect(reg.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$/);
      expect(reg.body.updatedAt).toMatch(/\+07:00$/);
      const view = await w.as.leader.get(`${REGS}/${reg.id}`).expect(200);
      expect(versionOf(view)).toBe(1);
      expect(view.body).toMatchObject({ id: reg.id, events: [], tasks: [] });
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual(['create']);
    });

    it('refuses bad input, naming each field', async () => {
      const missing = '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11';
      const cases: [object, string, RegExp][] = [
        [{ kind: 'patent' }, 'kind', /must be one of/],
        [{ niceClasses: [] }, 'niceClasses', /at least 1/],
        [{ niceClasses: [31, 31] }, 'niceClasses', /unique/],
        [{ niceClasses: [46] }, 'niceClasses', /must not be greater than 45/],
        [{ niceClasses: [0] }, 'niceClasses', /must not be less than 1/],
        [{ niceClasses: [1.5] }, 'niceClasses', /integer/],
        [{ name: '' }, 'name', /longer than or equal to 1/],
        [{ ownerOrganisationId: missing }, 'ownerOrganisationId', /no organisation/],
        [{ supportingOrganisationId: missing }, 'supportingOrganisationId', /no organisation/],
        [{ programmeId: missing }, 'programmeId', /no programme/],
        [{ adminUnitId: missing }, 'adminUnitId', /no administrative unit/],
        [{ supportYear: 20203 }, 'supportYear', /must not be greater than 2100/],
        [{ status: 'granted' }, 'status', /is not an allowed field/],
        [{ applicationNumber: '4-2024-00001' }, 'applicationNumber', /is not an allowed field/],
      ];
      for (const [overrides, field, message] of cases) {
        const res = await w.as.staff.post(REGS, body(overrides)).expect(400);
        expect({ overrides, errors: res.body.errors }).toEqual({
          overrides,
          errors: [{ field, message: expect.stringMatching(message) }],
        });
      }
    });

    it('refuses a locality not in force in the registration’s year', async () => {
      const units = t.app.get(AdminUnitsService);
      const old = await units.create(SYSTEM_ACTOR, {
        code: '31199',
        name: 'Phường Cũ',
        level: 'commune',
        subtype: 'phuong',
        parentId: w.district.id,
        validTo: '2025-06-30',
      });
      await register({ adminUnitId: old.id, supportYear: 2023 });
      const now = await w.as.staff
        .post(REGS, body({ adminUnitId: old.id, supportYear: null }))
        .expect(400);
      expect(now.body.errors).toEqual([
        {
          field: 'adminUnitId',
          message:
            'Phường Cũ (31199) was not in force in 2026 (in force … – 2025-06-30); use the unit valid then, or give the supportYear',
        },
      ]);
    });

    it('keeps what the events decide out of PATCH, and the kind once filed', async () => {
      const reg = await register();
      const path = `${REGS}/${reg.id}`;
      await w.as.staff.patch(path, { notes: 'Hồ sơ đang chuẩn bị' }).expect(428);
      const changed = await w.as.staff
        .patch(path, { notes: 'Hồ sơ đang chuẩn bị', kind: 'trademark', niceClasses: [35, 31] }, 1)
        .expect(200);
      expect(changed.body).toMatchObject({ kind: 'trademark', niceClasses: [31, 35], version: 2 });
      await w.as.staff.patch(path, { notes: 'x' }, 1).expect(412);
      const status = await w.as.staff.patch(path, { status: 'granted' }, 2).expect(400);
      expect(errorFields(status)).toEqual(['status']);
      await w.as.staff.patch(path, { name: null }, 2).expect(400);
      // The same values again: no new version, no audit event.
      const same = await w.as.staff.patch(path, { notes: 'Hồ sơ đang chuẩn bị' }, 2).expect(200);
      expect(versionOf(same)).toBe(2);

      await recorded(reg.id, {
        type: 'filed',
        date: '2024-03-15',
        applicationNumber: nextNumber(),
      });
      const kind = await w.as.staff.patch(path, { kind: 'collective_mark' }, 3).expect(409);
      expect(kind.body.detail).toMatch(/cannot change once it is filed \(it is filed\)/);
      const ownerless = await w.as.staff.patch(path, { ownerOrganisationId: null }, 3).expect(400);
      expect(errorFields(ownerless)).toEqual(['ownerOrganisationId']);
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual([
        'create',
        'update',
        'filed',
      ]);
    });

    it('deletes softly and restores, audited', async () => {
      const reg = await register({ name: 'Bánh tét lá cẩm' });
      const path = `${REGS}/${reg.id}`;
      await w.as.district.delete(path).expect(428);
      const deleted = await w.as.district.delete(path, 1).expect(200);
      await w.as.district.get(path).expect(404);
      await w.as.district.get(`${path}/events`).expect(404);
      const bin = await w.as.district.get(`${REGS}?deleted=true&q=banh%20tet`).expect(200);
      expect(itemIds(bin)).toEqual([reg.id]);
      await w.as.leader.get(`${REGS}?deleted=true`).expect(403);
      await w.as.district.post(`${path}/restore`, undefined, versionOf(deleted)).expect(200);
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual([
        'create',
        'delete',
        'restore',
      ]);
    });
  });

  describe('the lifecycle, as dated events', () => {
    it('takes a registration through filing, acceptance, publication and grant, then renewal', async () => {
      const reg = await register({ name: 'Vú sữa Thới An Đông', product: 'Vú sữa' });
      const applicationNumber = nextNumber();
      const steps: [object, object][] = [
        [
          // Filed on a leap day.
          { type: 'filed', date: '2024-02-29', applicationNumber, reference: 'Đơn nộp trực tuyến' },
          {
            status: 'filed',
            statusSince: '2024-02-29',
            applicationNumber,
            filingDate: '2024-02-29',
            examinationStage: 'formality',
            examinationDueOn: '2024-03-29',
            // Today (2026) is long past the month formality examination may take.
            examinationOverdue: true,
            allowedEvents: ['formality_accepted', 'formality_refused', 'withdrawn', 'voided'],
          },
        ],
        [
          { type: 'formality_accepted', date: '2024-03-25' },
          {
            status: 'formality_accepted',
            acceptedOn: '2024-03-25',
            examinationStage: 'publication',
            examinationDueOn: '2024-05-25',
          },
        ],
        [
          { type: 'published', date: '2024-05-10', reference: 'Công báo SHCN tập A' },
          {
            status: 'published',
            publishedOn: '2024-05-10',
            examinationStage: 'substantive',
            examinationDueOn: '2025-02-10',
          },
        ],
        [
          { type: 'granted', date: '2025-01-20', certificateNumber: 'MẪU-000001' },
          {
            status: 'granted',
            certificateNumber: 'MẪU-000001',
            grantDate: '2025-01-20',
            // The 10th anniversary of 29 Feb 2024 falls on 28 Feb 2034.
            expiresOn: '2034-02-28',
            renewalCount: 0,
            renewalOpensOn: '2033-08-28',
            renewalClosesOn: '2034-08-28',
            renewalDue: false,
            examinationStage: null,
            examinationDueOn: null,
            examinationOverdue: false,
            allowedEvents: ['renewed', 'expired', 'voided'],
          },
        ],
      ];
      let version = reg.version;
      for (const [event, expected] of steps) {
        const res = await record(reg.id, event, w.as.district, version).expect(200);
        expect(res.body).toMatchObject(expected);
        expect(versionOf(res)).toBe(version + 1);
        version = versionOf(res);
      }

      // Renewed inside its window (from six months before the end): the clock stands there.
      await at('2033-12-01T03:00:00Z', async (staff) => {
        const due = await staff.get(`${REGS}/${reg.id}`).expect(200);
        expect(due.body).toMatchObject({ renewalDue: true });
        const listed = await staff.get(`${REGS}?renewalDue=true&q=vu%20sua`).expect(200);
        expect(itemIds(listed)).toEqual([reg.id]);
        const renewed = await record(reg.id, { type: 'renewed', date: '2033-12-01' }, staff);
        expect(renewed.status).toBe(200);
        expect(renewed.body).toMatchObject({
          status: 'renewed',
          renewalCount: 1,
          expiresOn: '2044-02-28',
          renewalOpensOn: '2043-08-28',
          renewalDue: false,
        });
      });

      const view = await w.as.leader.get(`${REGS}/${reg.id}`).expect(200);
      expect(
        view.body.events.map((e: { sequence: number; type: string; date: string }) => [
          e.sequence,
          e.type,
          e.date,
        ]),
      ).toEqual([
        [1, 'filed', '2024-02-29'],
        [2, 'formality_accepted', '2024-03-25'],
        [3, 'published', '2024-05-10'],
        [4, 'granted', '2025-01-20'],
        [5, 'renewed', '2033-12-01'],
      ]);
      expect(view.body.events[0]).toMatchObject({
        applicationNumber,
        reference: 'Đơn nộp trực tuyến',
        voided: false,
        recordedById: w.userIds.district,
      });
      expect(view.body.events[0].createdAt).toMatch(/\+07:00$/);
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual([
        'create',
        'filed',
        'formality_accepted',
        'published',
        'granted',
        'renewed',
      ]);
      expect(await auditActions(w.as.admin, 'ip_event', view.body.events[3].id)).toEqual([
        'create',
      ]);
      const events = await w.as.district.get(`${REGS}/${reg.id}/events?type=granted`).expect(200);
      expect(itemsOf<{ certificateNumber: string }>(events)).toMatchObject([
        { certificateNumber: 'MẪU-000001' },
      ]);
      const one = await w.as.district
        .get(`${REGS}/${reg.id}/events/${view.body.events[1].id}`)
        .expect(200);
      expect(one.body).toMatchObject({ type: 'formality_accepted', sequence: 2 });
    });

    it('refuses a grant before filing with a clear reason (409 naming what is allowed)', async () => {
      const reg = await register();
      const res = await record(reg.id, {
        type: 'granted',
        date: '2024-03-01',
        certificateNumber: '123',
      }).expect(409);
      expect(res.body).toMatchObject({
        type: '/problems/illegal-transition',
        detail:
          'Cannot record “granted” on a registration that is preparing: “granted” follows publication (published). Events allowed now: filed',
        allowedActions: ['filed'],
      });
      const view = await w.as.staff.get(`${REGS}/${reg.id}`).expect(200);
      expect(view.body).toMatchObject({ status: 'preparing', version: 1, events: [] });
    });

    it('refuses a second registration with the same application number (409 naming it)', async () => {
      const first = await register({ name: 'Sữa bò Long Hòa', product: 'Sữa bò' });
      const number = nextNumber();
      await recorded(first.id, { type: 'filed', date: '2024-04-01', applicationNumber: number });
      const second = await register({ name: 'Sữa bò Long Hòa (trùng)' });
      const staff = await record(second.id, {
        type: 'filed',
        date: '2024-04-02',
        applicationNumber: number,
      }).expect(409);
      expect(staff.body.detail).toBe(
        `The application number ${number} is already recorded on “Sữa bò Long Hòa” (${first.id})`,
      );
      // Another district's officer learns only that the number is taken.
      const coDoReg = await register({
        name: 'Gạo Cờ Đỏ',
        adminUnitId: coDoTown.id,
        ownerOrganisationId: coDoOwner.id,
        supportingOrganisationId: null,
      });
      const coDoNumber = nextNumber();
      await recorded(coDoReg.id, {
        type: 'filed',
        date: '2024-04-01',
        applicationNumber: coDoNumber,
      });
      const district = await record(
        second.id,
        { type: 'filed', date: '2024-04-02', applicationNumber: coDoNumber },
        w.as.district,
      ).expect(409);
      expect(district.body.detail).toBe(
        `The application number ${coDoNumber} is already recorded on another registration`,
      );

      // Certificates too, once present.
      const a = await published();
      const b = await published();
      await recorded(a.id, { type: 'granted', date: '2024-06-01', certificateNumber: 'MẪU-2' });
      const dup = await record(b.id, {
        type: 'granted',
        date: '2024-06-01',
        certificateNumber: 'MẪU-2',
      }).expect(409);
      expect(dup.body.detail).toMatch(/^The certificate number MẪU-2 is already recorded on/);

      // Unique among live registrations: deleting the first frees its number, and restoring it
      // while another holds the number is refused.
      const deleted = await w.as.staff.delete(`${REGS}/${first.id}`, 2).expect(200);
      await recorded(second.id, { type: 'filed', date: '2024-04-02', applicationNumber: number });
      const restore = await w.as.staff
        .post(`${REGS}/${first.id}/restore`, undefined, versionOf(deleted))
        .expect(409);
      expect(restore.body.detail).toBe('Another registration already has this application number');
    });

    it('refuses events out of date order, in the future, or with fields they do not take', async () => {
      const reg = await register();
      const number = nextNumber();
      const cases: [object, { field: string; message: RegExp }[]][] = [
        [
          { type: 'filed', date: '2024-03-15' },
          [{ field: 'applicationNumber', message: /is required to record a filing/ }],
        ],
        [{ type: 'filed', applicationNumber: number }, [{ field: 'date', message: /is required/ }]],
        [
          { type: 'filed', date: '2024-03-15', applicationNumber: '4-2023-00001' },
          [
            {
              field: 'applicationNumber',
              message: /^has the year 2023, but the filing date 2024-03-15 is in 2024$/,
            },
          ],
        ],
        [
          { type: 'filed', date: '2024-03-15', applicationNumber: '6-2024-00001' },
          [{ field: 'applicationNumber', message: /starts with 6-, but a collective mark's/ }],
        ],
        [
          { type: 'filed', date: '2024-03-15', applicationNumber: '4/2024/1' },
          [{ field: 'applicationNumber', message: /must have the office's form 4-YYYY-NNNNN/ }],
        ],
        [
          { type: 'filed', date: '2026-01-16', applicationNumber: '4-2026-00001' },
          [{ field: 'date', message: /^is after today \(2026-01-15 in Viet Nam\)/ }],
        ],
        [
          { type: 'filed', date: '2024-03-15', applicationNumber: number, certificateNumber: '1' },
          [{ field: 'certificateNumber', message: /^is not taken by filed$/ }],
        ],
        [
          { type: 'filed', date: '2024-03-15', applicationNumber: number, reason: 'x' },
          [{ field: 'reason', message: /^is not taken by filed$/ }],
        ],
        [
          { type: 'filed', date: '20203-08-08', applicationNumber: number },
          [{ field: 'date', message: /calendar date/ }],
        ],
        [{ type: 'approved', date: '2024-03-15' }, [{ field: 'type', message: /must be one of/ }]],
      ];
      for (const [event, errors] of cases) {
        const res = await record(reg.id, event).expect(400);
        expect({ event, errors: res.body.errors }).toEqual({
          event,
          errors: errors.map((e) => ({
            field: e.field,
            message: expect.stringMatching(e.message),
          })),
        });
      }
      await recorded(reg.id, { type: 'filed', date: '2024-03-15', applicationNumber: number });
      const early = await record(reg.id, { type: 'formality_accepted', date: '2024-03-14' }).expect(
        400,
      );
      expect(early.body.errors).toEqual([
        {
          field: 'date',
          message:
            'must not be before 2024-03-15, the date of the latest event (status filed since then); got 2024-03-14',
        },
      ]);
      // Nothing was written by the refusals.
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual([
        'create',
        'filed',
      ]);
    });

    it('needs an owner to file, and keeps a geographical indication without a term', async () => {
      const ownerless = await register({ ownerOrganisationId: null });
      const refused = await record(ownerless.id, {
        type: 'filed',
        date: '2024-03-15',
        applicationNumber: nextNumber(),
      }).expect(409);
      expect(refused.body.detail).toMatch(/^Name the owner of “.+” \(ownerOrganisationId\) before/);

      const gi = await register({ kind: 'geographical_indication', name: 'Chỉ dẫn địa lý mẫu' });
      await record(gi.id, {
        type: 'filed',
        date: '2024-03-15',
        applicationNumber: nextNumber(),
      }).expect(400);
      const giNumber = nextNumber('6');
      for (const event of [
        { type: 'filed', date: '2024-03-15', applicationNumber: giNumber },
        { type: 'formality_accepted', date: '2024-04-01' },
        { type: 'published', date: '2024-05-01' },
      ]) {
        await recorded(gi.id, event);
      }
      const granted = await recorded(gi.id, {
        type: 'granted',
        date: '2025-01-01',
        certificateNumber: 'CDĐL-MẪU-1',
      });
      expect(granted.body).toMatchObject({
        applicationNumber: giNumber,
        expiresOn: null,
        renewalOpensOn: null,
        allowedEvents: ['voided'],
      });
      const renew = await record(gi.id, { type: 'renewed', date: '2025-06-01' }).expect(409);
      expect(renew.body.detail).toMatch(/protected without a term/);
    });

    it('voids a mistaken event: the history keeps both and the status is recomputed', async () => {
      const reg = await register();
      const number = nextNumber();
      await recorded(reg.id, { type: 'filed', date: '2024-03-15', applicationNumber: number });
      const accepted = await recorded(reg.id, { type: 'formality_accepted', date: '2024-04-20' });
      const acceptedEvent = accepted.body.events[1];
      await recorded(reg.id, { type: 'published', date: '2024-05-10' });

      // Voiding an event the later ones depend on would leave a history that does not hold.
      const middle = await record(reg.id, {
        type: 'voided',
        voidsEventId: acceptedEvent.id,
        reason: 'Nhập nhầm ngày',
      }).expect(409);
      expect(middle.body.detail).toMatch(
        /^Voiding the “formality_accepted” event of 2024-04-20 would leave a history that does not hold \(Cannot record “published” on a registration that is filed.*\); void the later events first$/,
      );

      const history = (await w.as.staff.get(`${REGS}/${reg.id}`).expect(200)).body.events;
      const voidPublished = await recorded(reg.id, {
        type: 'voided',
        voidsEventId: history[2].id,
        reason: 'Nhập nhầm: chưa công bố',
      });
      expect(voidPublished.body).toMatchObject({ status: 'formality_accepted' });
      const fixed = await recorded(reg.id, {
        type: 'voided',
        voidsEventId: acceptedEvent.id,
        reason: 'Nhập nhầm ngày chấp nhận',
      });
      expect(fixed.body).toMatchObject({
        status: 'filed',
        acceptedOn: null,
        publishedOn: null,
        examinationStage: 'formality',
      });
      const again = await recorded(reg.id, { type: 'formality_accepted', date: '2024-04-02' });
      expect(again.body).toMatchObject({ status: 'formality_accepted', acceptedOn: '2024-04-02' });
      expect(
        again.body.events.map((e: { type: string; voided: boolean }) => [e.type, e.voided]),
      ).toEqual([
        ['filed', false],
        ['formality_accepted', true],
        ['published', true],
        ['voided', false],
        ['voided', false],
        ['formality_accepted', false],
      ]);
      expect(again.body.events[1]).toMatchObject({ voidedByEventId: again.body.events[4].id });
      expect(again.body.events[4]).toMatchObject({
        voidsEventId: acceptedEvent.id,
        reason: 'Nhập nhầm ngày chấp nhận',
        date: '2026-01-15',
      });

      // A void is final: the same event cannot be voided twice, a void cannot be voided.
      const twice = await record(reg.id, {
        type: 'voided',
        voidsEventId: acceptedEvent.id,
        reason: 'x',
      }).expect(409);
      expect(twice.body.detail).toMatch(/is already voided/);
      const ofVoid = await record(reg.id, {
        type: 'voided',
        voidsEventId: again.body.events[3].id,
        reason: 'x',
      }).expect(400);
      expect(errorFields(ofVoid)).toEqual(['voidsEventId']);
      const foreign = await record(reg.id, {
        type: 'voided',
        voidsEventId: '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11',
        reason: 'x',
      }).expect(400);
      expect(foreign.body.errors).toEqual([
        { field: 'voidsEventId', message: 'is not an event of this registration' },
      ]);
      const noReason = await record(reg.id, { type: 'voided', voidsEventId: history[0].id });
      expect(noReason.status).toBe(400);
      expect(errorFields(noReason)).toEqual(['reason']);

      // Voiding the filing frees its number for another registration.
      await recorded(reg.id, {
        type: 'voided',
        voidsEventId: again.body.events[5].id,
        reason: 'x',
      });
      const unfiled = await recorded(reg.id, {
        type: 'voided',
        voidsEventId: history[0].id,
        reason: 'Số đơn sai',
      });
      expect(unfiled.body).toMatchObject({
        status: 'preparing',
        applicationNumber: null,
        filingDate: null,
        allowedEvents: ['filed'],
      });
      const other = await register();
      await recorded(other.id, { type: 'filed', date: '2024-03-15', applicationNumber: number });
      expect(await auditActions(w.as.admin, 'ip_registration', reg.id)).toEqual([
        'create',
        'filed',
        'formality_accepted',
        'published',
        'voided',
        'voided',
        'formality_accepted',
        'voided',
        'voided',
      ]);
    });

    it('checks If-Match on events when sent; without it the status decides', async () => {
      const reg = await register();
      const number = nextNumber();
      const stale = await record(
        reg.id,
        { type: 'filed', date: '2024-03-15', applicationNumber: number },
        w.as.staff,
        9,
      ).expect(412);
      expect(stale.body.type).toBe('/problems/precondition-failed');
      await record(
        reg.id,
        { type: 'filed', date: '2024-03-15', applicationNumber: number },
        w.as.staff,
        'W/"1"',
      ).expect(412);
      await record(reg.id, { type: 'filed', date: '2024-03-15', applicationNumber: number }).expect(
        200,
      );
      await record(reg.id, {
        type: 'filed',
        date: '2024-03-16',
        applicationNumber: nextNumber(),
      }).expect(409);
    });
  });

  describe('dates the law sets, against today in Viet Nam', () => {
    it('shows examinationOverdue with the stage from the day after its statutory time', async () => {
      // 23:30 on 15 April 2024 in Viet Nam (16:30 UTC): formality examination of a filing of
      // 15 March may still run today…
      await at('2024-04-15T16:30:00Z', async (staff) => {
        const reg = await created(staff.post(REGS, body({ name: 'Rau an toàn Long Tuyền' })));
        const filed = await record(
          reg.id,
          { type: 'filed', date: '2024-03-15', applicationNumber: nextNumber() },
          staff,
        ).expect(200);
        expect(filed.body).toMatchObject({
          examinationStage: 'formality',
          examinationDueOn: '2024-04-15',
          examinationOverdue: false,
        });
        clock.set('2024-04-15T17:30:00Z');
        // …at 00:30 on the 16th in Viet Nam (still the 15th in UTC) it is late.
        const late = await staff.get(`${REGS}/${reg.id}`).expect(200);
        expect(late.body).toMatchObject({
          examinationStage: 'formality',
          examinationOverdue: true,
        });
        const listed = await staff.get(`${REGS}?examinationOverdue=true&q=rau%20an%20toan`);
        expect(itemIds(listed)).toEqual([reg.id]);
        const notLate = await staff.get(`${REGS}?examinationOverdue=false&q=rau%20an%20toan`);
        expect(itemIds(notLate)).toEqual([]);
      });
    });

    it('lists the marks whose protection ends within some days, or may still be renewed late', async () => {
      const soon = await published({ name: 'Hạn gần' }, '2016-03-10');
      await recorded(soon.id, { type: 'granted', date: '2016-03-10', certificateNumber: 'MẪU-S' });
      const far = await published({ name: 'Hạn xa' }, '2020-03-10');
      await recorded(far.id, { type: 'granted', date: '2020-03-10', certificateNumber: 'MẪU-F' });
      const late = await published({ name: 'Hạn đã qua' }, '2015-12-01');
      await recorded(late.id, { type: 'granted', date: '2015-12-02', certificateNumber: 'MẪU-L' });
      const gone = await published({ name: 'Hạn đã lâu' }, '2015-01-01');
      await recorded(gone.id, { type: 'granted', date: '2015-01-02', certificateNumber: 'MẪU-G' });
      // Today is 2026-01-15: "soon" ends 2026-03-10, "far" 2030-03-10, "late" ended 2025-12-01
      // (renewable late until 2026-06-01), "gone" ended 2025-01-01 (no longer renewable).
      const within = async (query: string) =>
        itemIds(await w.as.leader.get(`${REGS}?${query}&q=han&sort=expiresOn`).expect(200));
      expect(await within('expiringWithinDays=30')).toEqual([late.id]);
      expect(await within('expiringWithinDays=60')).toEqual([late.id, soon.id]);
      expect(await within('renewalDue=true')).toEqual([late.id, soon.id]);
      expect(await within('renewalDue=false')).toEqual([gone.id, far.id]);
      const view = await w.as.leader.get(`${REGS}/${soon.id}`).expect(200);
      expect(view.body).toMatchObject({
        expiresOn: '2026-03-10',
        renewalOpensOn: '2025-09-10',
        renewalDue: true,
      });
      // A mark that ended is recorded as expired only after its last day.
      const early = await record(gone.id, { type: 'expired', date: '2025-01-01' }).expect(400);
      expect(errorFields(early)).toEqual(['date']);
      await recorded(gone.id, { type: 'expired', date: '2025-07-02' });
    });
  });

  describe('lists and search', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const make = async (key: string, overrides: object) =>
        [key, (await register({ supportYear: null, programmeId: null, ...overrides })).id] as const;
      const entries = [
        await make('nam', {
          name: 'Nấm bào ngư phường Thới An Đông',
          product: 'Nấm bào ngư tươi',
          niceClasses: [31],
          programmeId: programme.id,
          supportYear: 2023,
        }),
        await make('hoa', {
          name: 'Làng nghề hoa kiểng Phó Thọ - Bà Bộ',
          product: 'Hoa kiểng',
          niceClasses: [31, 44],
          adminUnitId: w.district.id,
          kind: 'trademark',
        }),
        await make('banh', {
          name: 'Bánh tét lá cẩm',
          product: 'Bánh tét',
          niceClasses: [30],
          adminUnitId: w.otherCommune.id,
          ownerOrganisationId: null,
          supportingOrganisationId: null,
        }),
      ];
      ids = Object.fromEntries(entries);
      await recorded(ids.hoa, {
        type: 'filed',
        date: '2025-02-03',
        applicationNumber: nextNumber('4', '2025'),
      });
    });

    const listed = async (query: string, as: Caller = w.as.leader) =>
      // Every match on one page: other tests add registrations across the province.
      itemIds(await as.get(`${REGS}?${query}&pageSize=100`).expect(200));
    const only = (...keys: string[]) => keys.map((k) => ids[k]).sort();
    const mine = (found: string[]) => found.filter((id) => Object.values(ids).includes(id)).sort();

    it('finds by every word of the name or product, diacritics ignored', async () => {
      expect(mine(await listed('q=nam%20bao%20ngu'))).toEqual(only('nam'));
      expect(mine(await listed('q=NẤM%20tuoi'))).toEqual(only('nam'));
      expect(mine(await listed('q=pho%20tho%20ba%20bo'))).toEqual(only('hoa'));
      // Every word must match.
      expect(mine(await listed('q=nam%20bao%20ngu%20long%20hoa'))).toEqual([]);
      expect(mine(await listed('q=banh%20kieng'))).toEqual([]);
    });

    it('filters by kind, status, locality (a district includes its communes), programme, year, class', async () => {
      expect(mine(await listed('kind=trademark'))).toEqual(only('hoa'));
      expect(mine(await listed('status=filed'))).toEqual(only('hoa'));
      expect(mine(await listed(`adminUnitId=${w.district.id}`))).toEqual(only('nam', 'hoa'));
      expect(mine(await listed(`adminUnitId=${w.commune.id}`))).toEqual(only('nam'));
      expect(mine(await listed(`adminUnitId=${w.province.id}`))).toEqual(
        only('nam', 'hoa', 'banh'),
      );
      expect(mine(await listed(`programmeId=${programme.id}`))).toEqual(only('nam'));
      expect(mine(await listed('year=2023'))).toEqual(only('nam'));
      expect(mine(await listed('year=2025'))).toEqual(only('hoa'));
      expect(mine(await listed('niceClass=44'))).toEqual(only('hoa'));
      expect(mine(await listed(`ownerOrganisationId=${owner.id}&niceClass=30`))).toEqual([]);
      const bad = await w.as.leader.get(`${REGS}?status=approved&niceClass=46&sort=status`);
      expect(bad.status).toBe(400);
      expect(errorFields(bad).sort()).toEqual(['niceClass', 'sort', 'status']);
    });

    it('lets a district officer of Bình Thủy see none of Cờ Đỏ’s registrations', async () => {
      const coDoReg = await register({
        name: 'Nấm bào ngư Cờ Đỏ',
        adminUnitId: coDoTown.id,
        ownerOrganisationId: coDoOwner.id,
        supportingOrganisationId: null,
      });
      await recorded(coDoReg.id, {
        type: 'filed',
        date: '2024-05-05',
        applicationNumber: nextNumber(),
      });
      expect(await listed('q=nam%20bao%20ngu', w.as.staff)).toContain(coDoReg.id);
      const districtList = await w.as.district.get(`${REGS}?q=nam%20bao%20ngu`).expect(200);
      expect(itemIds(districtList)).not.toContain(coDoReg.id);
      expect(itemIds(districtList)).toContain(ids.nam);
      // No item of the officer's list lies outside quận Bình Thủy.
      const outside = [coDo.id, coDoTown.id, w.otherDistrict.id, w.otherCommune.id];
      for (const item of itemsOf<{ adminUnit: { id: string } }>(
        await w.as.district.get(`${REGS}?pageSize=100`).expect(200),
      )) {
        expect(outside).not.toContain(item.adminUnit.id);
      }
      expect(await listed(`adminUnitId=${coDo.id}`, w.as.district)).toEqual([]);
      await w.as.district.get(`${REGS}/${coDoReg.id}`).expect(404);
      await w.as.district.get(`${REGS}/${coDoReg.id}/events`).expect(404);
      const event = (await w.as.staff.get(`${REGS}/${coDoReg.id}`)).body.events[0];
      await w.as.district.get(`${REGS}/${coDoReg.id}/events/${event.id}`).expect(404);
      await record(coDoReg.id, { type: 'withdrawn', date: '2024-06-01' }, w.as.district).expect(
        404,
      );
      await w.as.district.patch(`${REGS}/${coDoReg.id}`, { notes: 'x' }, 2).expect(404);
      // Nor move one of theirs there.
      const mineReg = await register({}, w.as.district);
      const moved = await w.as.district
        .patch(`${REGS}/${mineReg.id}`, { adminUnitId: coDoTown.id }, 1)
        .expect(400);
      expect(moved.body.errors).toEqual([
        { field: 'adminUnitId', message: 'must be your district or one of its communes' },
      ]);
      const placed = await w.as.district
        .post(REGS, body({ adminUnitId: coDoTown.id, ownerOrganisationId: null }))
        .expect(400);
      expect(errorFields(placed)).toEqual(['adminUnitId']);
    });
  });

  it('answers the view in a fixed number of queries, however long its history', async () => {
    const big = await published({ name: 'Lịch sử dài' });
    for (let i = 0; i < 3; i++) {
      const events = (await w.as.staff.get(`${REGS}/${big.id}`)).body.events;
      await recorded(big.id, {
        type: 'voided',
        voidsEventId: events[events.length - 1].id,
        reason: 'Thử',
      });
      await recorded(big.id, { type: 'published', date: '2024-03-15' });
    }
    for (let i = 0; i < 4; i++) {
      await createTask(w.as.staff, w.centre.id, {
        title: `Theo dõi đơn ${i}`,
        subjectType: 'ip_registration',
        subjectId: big.id,
      });
    }
    const small = await register({ name: 'Lịch sử ngắn' });
    await createTask(w.as.staff, w.centre.id, {
      subjectType: 'ip_registration',
      subjectId: small.id,
    });

    let view: { events: unknown[]; tasks: { title: string }[] } | undefined;
    const bigQueries = await countQueries(t.dataSource, async () => {
      view = (await w.as.district.get(`${REGS}/${big.id}`).expect(200)).body;
    });
    const smallQueries = await countQueries(t.dataSource, () =>
      w.as.district.get(`${REGS}/${small.id}`).expect(200),
    );
    expect(view!.events).toHaveLength(9);
    expect(view!.tasks.map((task) => task.title)).toEqual([
      'Theo dõi đơn 0',
      'Theo dõi đơn 1',
      'Theo dõi đơn 2',
      'Theo dõi đơn 3',
    ]);
    expect(bigQueries).toBe(smallQueries);
    // The registration, its names (organisations, units, programmes), its history, its tasks
    // and their lead units.
    expect(bigQueries).toBe(7);
  });

  it('declares If-Match in the OpenAPI document: required to change, optional on events', async () => {
    const doc = (await w.as.leader.get('/docs-json').expect(200)).body;
    const ifMatch = (path: string, method: string) =>
      (doc.paths[path][method].parameters as { name: string; required: boolean }[]).find(
        (p) => p.name === 'If-Match',
      )?.required;
    expect(ifMatch('/api/v1/ip-registrations/{id}', 'patch')).toBe(true);
    expect(ifMatch('/api/v1/ip-registrations/{id}', 'delete')).toBe(true);
    expect(ifMatch('/api/v1/ip-registrations/{id}/restore', 'post')).toBe(true);
    expect(ifMatch('/api/v1/ip-registrations/{id}/events', 'post')).toBe(false);
    expect(doc.paths['/api/v1/ip-registrations/{id}/events'].post.operationId).toBe(
      'recordIpRegistrationEvent',
    );
  });

  describe('access', () => {
    const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    const WRITERS = new Set<CallerName>(['admin', 'staff', 'district']);

    /** A registration in `unit`, filed, for one request to read or change. */
    const fixture = async (unit: 'district' | 'coDo') => {
      const inCoDo = unit === 'coDo';
      const reg = await register(
        inCoDo
          ? {
              adminUnitId: coDoTown.id,
              ownerOrganisationId: coDoOwner.id,
              supportingOrganisationId: null,
            }
          : {},
      );
      const res = await recorded(reg.id, {
        type: 'filed',
        date: '2024-03-15',
        applicationNumber: nextNumber(),
      });
      return { id: reg.id, version: versionOf(res), eventId: res.body.events[0].id as string };
    };
    type Fixture = Awaited<ReturnType<typeof fixture>>;
    type Route = (as: Caller, f: Fixture) => request.Test;

    const reads: [string, Route][] = [
      ['list registrations', (as) => as.get(REGS)],
      ['get a registration', (as, f) => as.get(`${REGS}/${f.id}`)],
      ['list its events', (as, f) => as.get(`${REGS}/${f.id}/events`)],
      ['get an event', (as, f) => as.get(`${REGS}/${f.id}/events/${f.eventId}`)],
    ];
    const writes: [string, Route][] = [
      ['create a registration', (as) => as.post(REGS, body())],
      ['update a registration', (as, f) => as.patch(`${REGS}/${f.id}`, { notes: 'x' }, f.version)],
      ['delete a registration', (as, f) => as.delete(`${REGS}/${f.id}`, f.version)],
      [
        'record an event',
        (as, f) =>
          as.post(`${REGS}/${f.id}/events`, { type: 'formality_accepted', date: '2024-04-01' }),
      ],
      [
        'void an event',
        (as, f) =>
          as.post(`${REGS}/${f.id}/events`, {
            type: 'voided',
            voidsEventId: f.eventId,
            reason: 'x',
          }),
      ],
    ];

    it.each(['district', 'coDo'] as const)(
      'answers every role on every route (registration in %s)',
      async (unit) => {
        const failures: string[] = [];
        for (const [name, route] of [...reads, ...writes]) {
          const write = writes.some(([n]) => n === name);
          for (const caller of CALLERS) {
            const f = await fixture(unit);
            const res = await route(w.as[caller], f);
            const foreign =
              caller === 'district' && unit === 'coDo' && name !== 'list registrations';
            const expected =
              write && !WRITERS.has(caller)
                ? 403
                : foreign && name !== 'create a registration'
                  ? 404
                  : 'ok';
            const ok = res.status >= 200 && res.status < 300;
            if (expected === 'ok' ? !ok : res.status !== expected) {
              failures.push(`${caller} ${name}: ${res.status} (expected ${expected})`);
            }
          }
        }
        expect(failures).toEqual([]);
      },
    );

    it('keeps the audit trail to the administrator and leadership', async () => {
      const f = await fixture('district');
      for (const caller of CALLERS) {
        const res = await w.as[caller].get(
          `/api/v1/audit-events?entityType=ip_registration&entityId=${f.id}`,
        );
        expect({ caller, status: res.status }).toEqual({
          caller,
          status: caller === 'admin' || caller === 'leader' ? 200 : 403,
        });
      }
      const trail = await w.as.leader
        .get(`/api/v1/audit-events?entityType=ip_registration&entityId=${f.id}&sort=at`)
        .expect(200);
      const filed = itemsOf<{ action: string; before: { status: string }; after: object }>(
        trail,
      )[1];
      expect(filed).toMatchObject({
        action: 'filed',
        actorId: w.userIds.staff,
        before: { status: 'preparing', applicationNumber: null },
        after: { status: 'filed', filingDate: '2024-03-15' },
      });
    });
  });
});
