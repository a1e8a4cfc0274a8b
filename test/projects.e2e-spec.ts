import { SYSTEM_ACTOR } from '@app/platform';
import {
  ParticipantsService,
  type ProjectDetailDto,
  ProgrammesService,
  ProjectsService,
} from '@app/projects';
import { AdminUnitsService, OrganisationsService, type AdminUnitDto } from '@app/registry';
import request from 'supertest';
import { DemoTally } from '../apps/cli/src/demo/demo';
import {
  DEMO_BITTER_MELON_TITLE,
  DEMO_CON_SON_TITLE,
  ProjectsDemoSeeder,
} from '../apps/cli/src/demo/projects.demo';
import type { RegistryDemo } from '../apps/cli/src/demo/registry.demo';
import {
  auditActions,
  countQueries,
  created,
  createTask,
  errorFields,
  itemIds,
  itemsOf,
} from './support/sessions';
import { TestClock } from './support/clock';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, versionOf, World } from './support/world';

const PROJECTS = '/api/v1/projects';
const BITTER_MELON =
  'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy';
/** 23:30 on 30 August 2024 in Viet Nam (UTC+7): "today" there is 2024-08-30. */
const LATE_EVENING = '2024-08-30T16:30:00Z';
const TODAY = '2024-08-30';

type Participant = { id: string; adminUnitId: string; status: string; version: number };

describe('Projects', () => {
  let t: TestApp;
  let w: World;
  /** A second ward of the officer's district (the world has one). */
  let secondWard: AdminUnitDto;
  /** The ward committee that chooses households (an organisation of the district). */
  let wardCommittee: { id: string };

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(LATE_EVENING) });
    w = await buildWorld(t);
    secondWard = await t.app.get(AdminUnitsService).create(SYSTEM_ACTOR, {
      code: '31171',
      name: 'Phường Trà Nóc',
      level: 'commune',
      subtype: 'phuong',
      parentId: w.district.id,
    });
    wardCommittee = await t.app.get(OrganisationsService).create(SYSTEM_ACTOR, {
      name: 'Ủy ban nhân dân phường Thới An Đông',
      kind: 'commune_committee',
      adminUnitId: w.commune.id,
    });
  });
  afterAll(() => t.close());

  const projectBody = (overrides: object = {}) => ({
    kind: 'agricultural_model',
    title: BITTER_MELON,
    adminUnitIds: [w.district.id],
    leadOrganisationId: w.districtOffice.id,
    ...overrides,
  });
  const createProject = (as: Caller, overrides: object = {}) =>
    created(as.post(PROJECTS, projectBody(overrides)));
  const act = (as: Caller, id: string, action: string, body: object = {}, ifMatch?: number) =>
    as.post(`${PROJECTS}/${id}/${action}`, body, ifMatch);
  const households = (count: number, wardOf: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => ({
      name: `Hộ mẫu ${i + 1} (dữ liệu mẫu)`,
      adminUnitId: wardOf(i),
      areaM2: 500 + i,
      contact: null,
    }));
  const auditTotal = async (entityType: string) =>
    (await w.as.admin.get(`/api/v1/audit-events?entityType=${entityType}&pageSize=1`).expect(200))
      .body.total as number;

  it('runs the article’s bitter-melon model: 50 households in two wards, 30 selected, indicators, completed', async () => {
    // The district officer records the project in their district.
    const project = await createProject(w.as.district, {
      budget: { stateBudget: 150_000_000, counterpart: null },
    });
    expect(project.body).toMatchObject({
      kind: 'agricultural_model',
      title: BITTER_MELON,
      status: 'proposed',
      adminUnitIds: [w.district.id],
      adminUnits: [{ id: w.district.id, code: '918', name: 'Quận Bình Thủy' }],
      leadOrganisation: { id: w.districtOffice.id, name: 'Phòng Kinh tế quận Bình Thủy' },
      partnerOrganisations: [],
      programme: null,
      budget: { stateBudget: 150_000_000, counterpart: null, other: null, total: 150_000_000 },
      allowedActions: ['approve', 'cancel'],
    });
    expect(project.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
    const base = `${PROJECTS}/${project.id}`;

    // 50 households across two wards, one row naming a ward of another district: nothing added.
    const rows = households(50, (i) => (i % 2 === 0 ? w.commune.id : secondWard.id));
    rows[17] = { ...rows[17], adminUnitId: w.otherCommune.id };
    const refused = await w.as.district
      .post(`${base}/participants/bulk`, { items: rows })
      .expect(400);
    expect(refused.body).toMatchObject({
      status: 400,
      detail: '1 of 50 rows are invalid; nothing was added',
    });
    expect(refused.body.errors).toEqual([
      {
        field: 'items.17.adminUnitId',
        message:
          "Phường Tân An (31117) lies outside the project's units: it must be one of them or a ward or commune inside one",
      },
    ]);
    // A null where the document allows none, in one of the rows: refused, naming the row's field.
    const nulled = await w.as.district
      .post(`${base}/participants/bulk`, {
        items: rows.map((row, i) => (i === 3 ? { ...row, kind: null } : row)),
      })
      .expect(400);
    expect(nulled.body.errors).toEqual([{ field: 'items.3.kind', message: 'must not be null' }]);
    expect((await w.as.district.get(`${base}/participants`).expect(200)).body.total).toBe(0);
    expect(await auditTotal('project_participant')).toBe(0);

    // Fixed, all 50 are added in one request, each audited.
    rows[17] = { ...rows[17], adminUnitId: secondWard.id };
    const added = await w.as.district
      .post(`${base}/participants/bulk`, { items: rows })
      .expect(201);
    expect(added.body.count).toBe(50);
    const participants = added.body.items as Participant[];
    expect(participants.map((p) => (p as unknown as { name: string }).name)).toEqual(
      rows.map((r) => r.name),
    );
    expect(participants[1]).toMatchObject({
      adminUnitId: secondWard.id,
      adminUnit: { name: 'Phường Trà Nóc', code: '31171' },
      status: 'proposed',
      areaM2: 501,
      allowedActions: ['select', 'withdraw'],
    });
    expect(await auditTotal('project_participant')).toBe(50);

    // The ward selects 30 of them.
    for (const p of participants.slice(0, 30)) {
      const res = await act(
        w.as.district,
        `${project.id}/participants/${p.id}`,
        'select',
        { selectedByOrganisationId: wardCommittee.id, selectedOn: '2023-08-20' },
        p.version,
      ).expect(200);
      expect(res.body).toMatchObject({
        status: 'selected',
        selectedOn: '2023-08-20',
        selectedByOrganisation: {
          id: wardCommittee.id,
          name: 'Ủy ban nhân dân phường Thới An Đông',
        },
      });
    }
    const selected = await w.as.leader
      .get(`${base}/participants?status=selected&pageSize=100`)
      .expect(200);
    expect(selected.body.total).toBe(30);

    // Approved with its decision, started, indicators recorded, completed.
    await act(w.as.staff, project.id, 'approve', { decisionDate: '2023-07-15' }).expect(200);
    await act(w.as.district, project.id, 'start', { actualStart: '2023-09-05' }).expect(200);
    const yieldIndicator = await created(
      w.as.district.post(`${base}/indicators`, {
        name: 'Năng suất khổ qua',
        unit: 'kg/1000 m²',
        target: 4000,
      }),
    );
    expect(yieldIndicator.body).toMatchObject({ target: 4000, actual: null, progress: null });
    const measured = await w.as.district
      .patch(
        `${base}/indicators/${yieldIndicator.id}`,
        { actual: 3500.5, measuredOn: '2024-06-30' },
        yieldIndicator.version,
      )
      .expect(200);
    expect(measured.body).toMatchObject({ actual: 3500.5, progress: 0.8751, version: 2 });
    await created(
      w.as.district.post(`${base}/indicators`, {
        name: 'Số hộ được tập huấn',
        unit: 'hộ',
        target: 30,
        actual: 30,
        measuredOn: '2023-10-01',
      }),
    );
    await created(
      w.as.district.post(`${base}/indicators`, {
        name: 'Thu nhập tăng thêm',
        unit: '%',
        target: 0,
        actual: 12.5,
      }),
    );
    const completed = await act(w.as.district, project.id, 'complete', {
      note: 'Nghiệm thu mô hình (dữ liệu mẫu)',
    }).expect(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      actualStart: '2023-09-05',
      actualEnd: TODAY,
      decisionDate: '2023-07-15',
      allowedActions: [],
    });

    // The project's page: participants by status and ward (named), indicators with progress.
    const view = await w.as.leader.get(base).expect(200);
    expect(view.body.participants).toEqual({
      byStatus: { total: 50, proposed: 20, selected: 30, withdrawn: 0 },
      byWard: [
        expect.objectContaining({
          adminUnitId: secondWard.id,
          adminUnit: expect.objectContaining({ name: 'Phường Trà Nóc', code: '31171' }),
          total: 25,
          selected: 15,
          proposed: 10,
        }),
        expect.objectContaining({
          adminUnitId: w.commune.id,
          adminUnit: expect.objectContaining({ name: 'Phường Thới An Đông', code: '31174' }),
          total: 25,
          selected: 15,
          proposed: 10,
        }),
      ],
    });
    // Selected areas: rows 0..29 have 500 + i m²; even rows in Thới An Đông, odd in Trà Nóc.
    const area = (ward: 'even' | 'odd') =>
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => (i % 2 === 0) === (ward === 'even'))
        .reduce((sum, i) => sum + 500 + i, 0);
    expect(
      view.body.participants.byWard.map((b: { selectedAreaM2: number }) => b.selectedAreaM2),
    ).toEqual([area('odd'), area('even')]);
    expect(
      view.body.indicators.map((i: { name: string; progress: number | null }) => [
        i.name,
        i.progress,
      ]),
    ).toEqual([
      ['Năng suất khổ qua', 0.8751],
      ['Số hộ được tập huấn', 1],
      ['Thu nhập tăng thêm', null],
    ]);

    // Completed is final: its participants and indicators are read-only.
    const late = await w.as.district
      .post(`${base}/participants`, { name: 'Hộ mẫu 51 (dữ liệu mẫu)', adminUnitId: w.commune.id })
      .expect(409);
    expect(late.body.detail).toMatch(
      /is completed: it, its participants and its indicators are read-only/,
    );
    await w.as.district
      .patch(`${base}/indicators/${yieldIndicator.id}`, { actual: 3600 }, 2)
      .expect(409);
    const again = await act(w.as.district, project.id, 'cancel', { reason: 'x' }).expect(409);
    expect(again.body.detail).toMatch(
      /^Cannot cancel the project “.+”, which is completed; allowed actions: none$/,
    );

    expect(await auditActions(w.as.admin, 'project', project.id)).toEqual([
      'create',
      'approve',
      'start',
      'complete',
    ]);
    expect(await auditActions(w.as.admin, 'project_participant', participants[0].id)).toEqual([
      'create',
      'select',
    ]);
    expect(await auditActions(w.as.admin, 'project_indicator', yieldIndicator.id)).toEqual([
      'create',
      'update',
    ]);
    const events = await w.as.admin
      .get(`/api/v1/audit-events?entityType=project&entityId=${project.id}&action=complete`)
      .expect(200);
    expect(events.body.items[0]).toMatchObject({
      actorId: w.userIds.district,
      before: { status: 'in_progress', actualEnd: null },
      after: { status: 'completed', actualEnd: TODAY },
    });
  });

  describe('bulk add', () => {
    it('names every bad row by index, field rules and domain rules alike, and adds nothing', async () => {
      const project = await createProject(w.as.staff);
      const base = `${PROJECTS}/${project.id}/participants/bulk`;
      const rows: object[] = households(6, () => w.commune.id);
      rows[1] = { adminUnitId: w.commune.id };
      rows[2] = { name: 'Hộ', adminUnitId: w.commune.id, areaM2: -5, unknown: 1 };
      rows[4] = { name: 'Hộ', adminUnitId: 'not-a-uuid', kind: 'cooperative' };
      const shape = await w.as.staff.post(base, { items: rows }).expect(400);
      expect(shape.body.errors).toEqual([
        { field: 'items.1.name', message: 'is required' },
        { field: 'items.2.unknown', message: 'is not an allowed field' },
        { field: 'items.2.areaM2', message: 'must not be less than 0' },
        {
          field: 'items.4.kind',
          message: 'must be one of the following values: household, organisation',
        },
        { field: 'items.4.adminUnitId', message: 'must be a UUID' },
      ]);

      const domain = households(4, () => w.commune.id);
      domain[0] = { ...domain[0], adminUnitId: w.otherDistrict.id };
      domain[3] = { ...domain[3], adminUnitId: w.userIds.admin };
      const res = await w.as.staff.post(base, { items: domain }).expect(400);
      expect(errorFields(res)).toEqual(['items.0.adminUnitId', 'items.3.adminUnitId']);
      expect(res.body.errors[1].message).toBe('no administrative unit has this id');
      expect(res.body.detail).toBe('2 of 4 rows are invalid; nothing was added');

      await w.as.staff.post(base, { items: [] }).expect(400);
      const tooMany = await w.as.staff
        .post(base, { items: households(501, () => w.commune.id) })
        .expect(400);
      expect(tooMany.body.errors).toEqual([
        { field: 'items', message: 'must contain no more than 500 elements' },
      ]);
      expect(
        (await w.as.staff.get(`${PROJECTS}/${project.id}/participants`).expect(200)).body.total,
      ).toBe(0);
    });

    it('adds 200 households in one transaction, each audited, fast', async () => {
      const project = await createProject(w.as.staff);
      const before = await auditTotal('project_participant');
      const rows = households(200, (i) => (i % 3 === 0 ? secondWard.id : w.commune.id));
      let res: request.Response | undefined;
      const started = process.hrtime.bigint();
      const queries = await countQueries(t.dataSource, async () => {
        res = await w.as.district
          .post(`${PROJECTS}/${project.id}/participants/bulk`, { items: rows })
          .expect(201);
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Printed for the record; the bound is loose for a busy 2-core machine.
      console.log(`bulk add of 200 participants: ${ms.toFixed(0)} ms, ${queries} queries`);
      expect(res!.body.count).toBe(200);
      expect(ms).toBeLessThan(5000);
      // Validation in a few queries; then per row the write path's insert, scope check, names
      // and audit event (a district officer's scope check is one more).
      expect(queries).toBeLessThanOrEqual(10 + 200 * 5);
      expect((await auditTotal('project_participant')) - before).toBe(200);
      const view = await w.as.staff.get(`${PROJECTS}/${project.id}`).expect(200);
      expect(view.body.participants.byStatus.total).toBe(200);
    });

    it('takes a household in the project’s own unit, or in a ward of it, and none elsewhere', async () => {
      const wardProject = await createProject(w.as.staff, { adminUnitIds: [w.commune.id] });
      const base = `${PROJECTS}/${wardProject.id}/participants`;
      await created(w.as.staff.post(base, { name: 'Hộ A', adminUnitId: w.commune.id }));
      const sibling = await w.as.staff
        .post(base, { name: 'Hộ B', adminUnitId: secondWard.id })
        .expect(400);
      expect(errorFields(sibling)).toEqual(['adminUnitId']);
      const cityProject = await createProject(w.as.staff, { adminUnitIds: [w.province.id] });
      await created(
        w.as.staff.post(`${PROJECTS}/${cityProject.id}/participants`, {
          name: 'Hợp tác xã mẫu (dữ liệu mẫu)',
          kind: 'organisation',
          adminUnitId: w.otherCommune.id,
        }),
      );
    });
  });

  describe('projects', () => {
    it('keeps the budget in whole đồng by source, unknown parts null and the total computed', async () => {
      const big = 9_000_000_000_000;
      const project = await createProject(w.as.staff, {
        budget: { stateBudget: big, counterpart: 310_500_000, other: 0 },
      });
      expect(project.body.budget).toEqual({
        stateBudget: big,
        counterpart: 310_500_000,
        other: 0,
        total: big + 310_500_000,
      });
      const path = `${PROJECTS}/${project.id}`;
      const changed = await w.as.staff
        .patch(path, { budget: { other: null } }, project.version)
        .expect(200);
      expect(changed.body.budget).toEqual({
        stateBudget: big,
        counterpart: 310_500_000,
        other: null,
        total: big + 310_500_000,
      });
      const fraction = await w.as.staff
        .patch(path, { budget: { stateBudget: 1.5, counterpart: -1 } }, 2)
        .expect(400);
      expect(errorFields(fraction)).toEqual(['budget.stateBudget', 'budget.counterpart']);
      const overflow = await w.as.staff
        .patch(path, { budget: { stateBudget: Number.MAX_SAFE_INTEGER, counterpart: 1 } }, 2)
        .expect(400);
      expect(errorFields(overflow)).toEqual(['budget']);
      const none = await createProject(w.as.staff);
      expect(none.body.budget).toEqual({
        stateBudget: null,
        counterpart: null,
        other: null,
        total: null,
      });
    });

    it('refuses an end before its start, a year typo, and actual dates after today', async () => {
      const backwards = await w.as.staff
        .post(PROJECTS, projectBody({ plannedStart: '2024-01-01', plannedEnd: '2023-12-31' }))
        .expect(400);
      expect(backwards.body.errors).toEqual([
        {
          field: 'plannedEnd',
          message: 'must not be before plannedStart (2024-01-01); got 2023-12-31',
        },
      ]);
      const typo = await w.as.staff
        .post(PROJECTS, projectBody({ plannedStart: '20203-08-08' }))
        .expect(400);
      expect(errorFields(typo)).toEqual(['plannedStart']);

      const project = await createProject(w.as.staff, { plannedStart: '2023-09-01' });
      await act(w.as.staff, project.id, 'approve').expect(200);
      const future = await act(w.as.staff, project.id, 'start', {
        actualStart: '2024-08-31',
      }).expect(400);
      expect(future.body.errors).toEqual([
        {
          field: 'actualStart',
          message: `must not be after today (${TODAY}): it records when the project started`,
        },
      ]);
      // At 23:30 in Viet Nam (16:30 UTC), today there is 30 August.
      const started = await act(w.as.staff, project.id, 'start').expect(200);
      expect(started.body.actualStart).toBe(TODAY);
      const path = `${PROJECTS}/${project.id}`;
      const corrected = await w.as.staff
        .patch(path, { actualStart: '2023-09-04' }, versionOf(started))
        .expect(200);
      expect(corrected.body.actualStart).toBe('2023-09-04');
      const early = await act(w.as.staff, project.id, 'complete', {
        actualEnd: '2023-09-01',
      }).expect(400);
      expect(early.body.errors).toEqual([
        {
          field: 'actualEnd',
          message: 'must not be before actualStart (2023-09-04); got 2023-09-01',
        },
      ]);
      const proposed = await createProject(w.as.staff);
      const notStarted = await w.as.staff
        .patch(`${PROJECTS}/${proposed.id}`, { actualStart: '2023-09-04' }, 1)
        .expect(400);
      expect(notStarted.body.errors[0].message).toMatch(/^is set by start/);
    });

    it('checks its references: units in force on its start, partners other than the lead', async () => {
      const gone = await t.app.get(AdminUnitsService).create(SYSTEM_ACTOR, {
        code: '99001',
        name: 'Phường Đã Giải Thể',
        level: 'commune',
        subtype: 'phuong',
        parentId: w.district.id,
        validTo: '2020-12-31',
      });
      const res = await w.as.staff
        .post(
          PROJECTS,
          projectBody({ plannedStart: '2023-09-01', adminUnitIds: [w.district.id, gone.id] }),
        )
        .expect(400);
      expect(res.body.errors).toEqual([
        {
          field: 'adminUnitIds.1',
          message:
            "Phường Đã Giải Thể (99001) is not in force on 2023-09-01, the project's start (in force … – 2020-12-31); use the unit valid then",
        },
      ]);
      const lead = await w.as.staff
        .post(PROJECTS, projectBody({ partnerOrganisationIds: [w.centre.id, w.districtOffice.id] }))
        .expect(400);
      expect(lead.body.errors).toEqual([
        { field: 'partnerOrganisationIds', message: 'must not include the lead organisation' },
      ]);
      const missing = await w.as.staff
        .post(PROJECTS, projectBody({ programmeId: w.department.id, adminUnitIds: [] }))
        .expect(400);
      expect(errorFields(missing)).toEqual(['adminUnitIds']);
      const programme = await w.as.staff
        .post(PROJECTS, projectBody({ programmeId: w.department.id }))
        .expect(400);
      expect(programme.body.errors).toEqual([
        { field: 'programmeId', message: 'no programme has this id' },
      ]);
    });

    it('answers illegal actions with 409 naming the allowed ones, needs a reason to cancel, checks If-Match', async () => {
      const project = await createProject(w.as.staff);
      const illegal = await act(w.as.staff, project.id, 'complete').expect(409);
      expect(illegal.body.detail).toMatch(
        /^Cannot complete the project “.+”, which is proposed; allowed actions: approve, cancel$/,
      );
      const noReason = await act(w.as.staff, project.id, 'cancel').expect(400);
      expect(noReason.body.errors).toEqual([{ field: 'reason', message: 'is required' }]);
      await act(w.as.staff, project.id, 'approve', {}, 2).expect(412);
      const path = `${PROJECTS}/${project.id}`;
      await w.as.staff.patch(path, { title: 'Khác' }).expect(428);
      await w.as.staff.delete(path).expect(428);
      const approved = await act(w.as.staff, project.id, 'approve', { note: 'QĐ' }, 1).expect(200);
      await w.as.staff.patch(path, { title: 'Khác' }, 1).expect(412);
      const cancelled = await act(
        w.as.staff,
        project.id,
        'cancel',
        { reason: 'Không bố trí được vốn đối ứng' },
        versionOf(approved),
      ).expect(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Không bố trí được vốn đối ứng',
      });
      await w.as.staff.patch(path, { title: 'Khác' }, versionOf(cancelled)).expect(409);
    });

    it('changes nothing and writes no version for a PATCH that changes nothing', async () => {
      const project = await createProject(w.as.staff, {
        partnerOrganisationIds: [w.centre.id],
      });
      const path = `${PROJECTS}/${project.id}`;
      const same = await w.as.staff
        .patch(
          path,
          {
            title: BITTER_MELON,
            adminUnitIds: [w.district.id],
            partnerOrganisationIds: [w.centre.id],
          },
          1,
        )
        .expect(200);
      expect(same.body.version).toBe(1);
      const partners = await w.as.staff
        .patch(path, { partnerOrganisationIds: [w.centre.id, w.department.id] }, 1)
        .expect(200);
      expect(partners.body).toMatchObject({
        version: 2,
        partnerOrganisations: [
          { id: w.department.id, name: 'Sở Khoa học và Công nghệ' },
          { id: w.centre.id, name: 'Trung tâm Ứng dụng Tiến bộ KH&CN' },
        ],
      });
      expect(await auditActions(w.as.admin, 'project', project.id)).toEqual(['create', 'update']);
    });

    it('hides a deleted project with its participants and indicators, and restores them', async () => {
      const project = await createProject(w.as.district);
      const base = `${PROJECTS}/${project.id}`;
      const participant = await created(
        w.as.district.post(`${base}/participants`, { name: 'Hộ A', adminUnitId: w.commune.id }),
      );
      const deleted = await w.as.district.delete(base, 1).expect(200);
      await w.as.district.get(base).expect(404);
      await w.as.district.get(`${base}/participants/${participant.id}`).expect(404);
      await w.as.district.get(`${base}/indicators`).expect(404);
      const listed = await w.as.district.get(`${PROJECTS}?deleted=true&pageSize=100`).expect(200);
      expect(itemIds(listed)).toContain(project.id);
      await w.as.leader.get(`${PROJECTS}?deleted=true`).expect(403);
      await w.as.district.post(`${base}/restore`, undefined, versionOf(deleted)).expect(200);
      await w.as.district.get(`${base}/participants/${participant.id}`).expect(200);
    });
  });

  describe('participants and indicators', () => {
    it('moves a participant through its statuses, each change audited', async () => {
      const project = await createProject(w.as.staff);
      const base = `${PROJECTS}/${project.id}/participants`;
      const participant = await created(
        w.as.district.post(base, { name: 'Hộ mẫu A (dữ liệu mẫu)', adminUnitId: w.commune.id }),
      );
      const path = `${base}/${participant.id}`;
      await w.as.district.patch(path, { areaM2: 1200.5 }).expect(428);
      const changed = await w.as.district
        .patch(path, { areaM2: 1200.5, contact: 'Ấp mẫu' }, 1)
        .expect(200);
      expect(changed.body).toMatchObject({ areaM2: 1200.5, contact: 'Ấp mẫu', version: 2 });
      const noWho = await w.as.district.post(`${path}/select`, {}, 2).expect(400);
      expect(errorFields(noWho)).toEqual(['selectedByOrganisationId']);
      const future = await w.as.district
        .post(
          `${path}/select`,
          { selectedByOrganisationId: wardCommittee.id, selectedOn: '2024-08-31' },
          2,
        )
        .expect(400);
      expect(future.body.errors).toEqual([
        { field: 'selectedOn', message: `must not be after today (${TODAY})` },
      ]);
      const selected = await w.as.district
        .post(`${path}/select`, { selectedByOrganisationId: wardCommittee.id }, 2)
        .expect(200);
      expect(selected.body).toMatchObject({ status: 'selected', selectedOn: TODAY });
      const twice = await w.as.district
        .post(`${path}/select`, { selectedByOrganisationId: wardCommittee.id })
        .expect(409);
      expect(twice.body.detail).toMatch(
        /^Cannot select the project participant “.+”, which is selected; allowed actions: withdraw$/,
      );
      const withdrawn = await w.as.district
        .post(`${path}/withdraw`, { reason: 'Hộ chuyển sang trồng cây khác' }, 3)
        .expect(200);
      expect(withdrawn.body).toMatchObject({
        status: 'withdrawn',
        withdrawReason: 'Hộ chuyển sang trồng cây khác',
        allowedActions: [],
      });
      // Reached through another project's URL it does not exist.
      const other = await createProject(w.as.staff);
      await w.as.district.get(`${PROJECTS}/${other.id}/participants/${participant.id}`).expect(404);
      await w.as.district.delete(path, 4).expect(200);
      await w.as.district.get(path).expect(404);
      expect(await auditActions(w.as.admin, 'project_participant', participant.id)).toEqual([
        'create',
        'update',
        'select',
        'withdraw',
        'delete',
      ]);
    });

    it('keeps indicator names unique in a project, each change audited', async () => {
      const project = await createProject(w.as.staff);
      const base = `${PROJECTS}/${project.id}/indicators`;
      const indicator = await created(
        w.as.staff.post(base, { name: 'Số hộ được tập huấn', unit: 'hộ', target: 30 }),
      );
      const duplicate = await w.as.staff
        .post(base, { name: 'Số hộ được tập huấn', unit: 'người' })
        .expect(409);
      expect(duplicate.body.detail).toBe('The project already has an indicator with this name');
      const precise = await w.as.staff
        .patch(`${base}/${indicator.id}`, { actual: 1.23456 }, 1)
        .expect(400);
      expect(errorFields(precise)).toEqual(['actual']);
      await w.as.staff.patch(`${base}/${indicator.id}`, { actual: 24 }, 1).expect(200);
      const listed = await w.as.leader.get(`${base}?q=tap huan`).expect(200);
      expect(itemsOf<{ progress: number }>(listed)).toEqual([
        expect.objectContaining({ id: indicator.id, progress: 0.8 }),
      ]);
      await w.as.staff.delete(`${base}/${indicator.id}`, 2).expect(200);
      // Its name is free again once it is removed.
      await created(w.as.staff.post(base, { name: 'Số hộ được tập huấn', unit: 'hộ' }));
      expect(await auditActions(w.as.admin, 'project_indicator', indicator.id)).toEqual([
        'create',
        'update',
        'delete',
      ]);
    });
  });

  describe('lists', () => {
    it('filters by kind, status, programme, unit and year, and finds titles by every word', async () => {
      const programme = await created(
        w.as.staff.post('/api/v1/programmes', {
          code: 'LIST-2023',
          name: 'Chương trình thử năm 2023',
          ownerOrganisationId: w.department.id,
          startYear: 2023,
          endYear: 2023,
        }),
      );
      const brand = await createProject(w.as.staff, {
        kind: 'ip_development',
        title: 'Xây dựng, khai thác và phát triển thương hiệu du lịch cộng đồng Cồn Sơn',
        programmeId: programme.id,
        partnerOrganisationIds: [w.centre.id],
      });
      const inWard = await createProject(w.as.staff, {
        kind: 'technology_application',
        title: 'Mô hình nấm bào ngư phường Thới An Đông',
        adminUnitIds: [w.commune.id],
        plannedStart: '2022-03-01',
        plannedEnd: '2023-02-28',
      });
      const elsewhere = await createProject(w.as.staff, {
        kind: 'technology_application',
        title: 'Mô hình rau an toàn quận Ninh Kiều',
        adminUnitIds: [w.otherDistrict.id],
        leadOrganisationId: w.otherDistrictOffice.id,
        plannedStart: '2024-01-01',
      });
      const ids = async (query: string) =>
        itemIds(await w.as.leader.get(`${PROJECTS}?pageSize=100&${query}`).expect(200));

      expect(await ids(`programmeId=${programme.id}`)).toEqual([brand.id]);
      expect(await ids('kind=ip_development&q=con son')).toEqual([brand.id]);
      expect(await ids('kind=technology_application')).toEqual([elsewhere.id, inWard.id]);
      // A district finds the projects of its wards too.
      const district = await ids(`adminUnitId=${w.district.id}&kind=technology_application`);
      expect(district).toEqual([inWard.id]);
      expect(await ids(`adminUnitId=${w.commune.id}&kind=technology_application`)).toEqual([
        inWard.id,
      ]);
      // Years: by the dates (open while no end), else by the programme's years.
      expect(await ids('year=2023&kind=technology_application')).toEqual([inWard.id]);
      expect(await ids('year=2023&kind=ip_development')).toEqual([brand.id]);
      expect(await ids('year=2026&kind=technology_application')).toEqual([elsewhere.id]);
      expect(await ids('year=2021&kind=technology_application')).toEqual([]);
      // Search: every word, any order, diacritics ignored, abbreviations expanded.
      expect(await ids('q=thuong hieu con son du lich')).toEqual([brand.id]);
      expect(await ids('q=con son nam')).toEqual([]);
      expect(await ids('q=nấm bào ngư')).toEqual([inWard.id]);
      expect(await ids('status=approved&kind=ip_development')).toEqual([]);
      const page = await w.as.leader.get(`${PROJECTS}?q=con%20son`).expect(200);
      expect(itemsOf<{ programme: unknown; partnerOrganisations: unknown }>(page)[0]).toMatchObject(
        {
          programme: { id: programme.id, code: 'LIST-2023', name: 'Chương trình thử năm 2023' },
          partnerOrganisations: [{ id: w.centre.id, name: 'Trung tâm Ứng dụng Tiến bộ KH&CN' }],
        },
      );
      await w.as.leader.get(`${PROJECTS}?year=20203`).expect(400);
      await w.as.leader.get(`${PROJECTS}?sort=budget`).expect(400);
    });

    it('lists participants by status, ward and name', async () => {
      const project = await createProject(w.as.staff);
      const base = `${PROJECTS}/${project.id}/participants`;
      await w.as.staff
        .post(`${base}/bulk`, {
          items: [
            { name: 'Nguyễn Văn Đức', adminUnitId: w.commune.id },
            { name: 'Trần Thị Hoa', adminUnitId: secondWard.id },
            { name: 'Hợp tác xã Khổ qua', kind: 'organisation', adminUnitId: secondWard.id },
          ],
        })
        .expect(201);
      const names = async (query: string) =>
        itemsOf<{ name: string }>(await w.as.staff.get(`${base}?${query}`).expect(200)).map(
          (p) => p.name,
        );
      // Rows of one bulk add share their creation instant: then by name.
      expect(await names(`adminUnitId=${secondWard.id}`)).toEqual([
        'Hợp tác xã Khổ qua',
        'Trần Thị Hoa',
      ]);
      expect(await names('q=duc nguyen')).toEqual(['Nguyễn Văn Đức']);
      expect(await names('q=HTX')).toEqual(['Hợp tác xã Khổ qua']);
      expect(await names('kind=organisation')).toEqual(['Hợp tác xã Khổ qua']);
      expect(await names('sort=name')).toEqual([
        'Hợp tác xã Khổ qua',
        'Nguyễn Văn Đức',
        'Trần Thị Hoa',
      ]);
    });
  });

  describe('the project view', () => {
    it('shows units, partners, programme, participants, indicators and tasks in a fixed number of queries', async () => {
      const programme = await created(
        w.as.staff.post('/api/v1/programmes', {
          code: 'VIEW-2023',
          name: 'Chương trình xem',
          ownerOrganisationId: w.department.id,
          startYear: 2023,
          endYear: 2023,
        }),
      );
      const build = async (participants: number, indicators: number, tasks: number) => {
        const project = await createProject(w.as.staff, {
          programmeId: programme.id,
          adminUnitIds: [w.district.id, w.otherDistrict.id],
          partnerOrganisationIds: [w.centre.id],
        });
        const base = `${PROJECTS}/${project.id}`;
        await w.as.staff
          .post(`${base}/participants/bulk`, {
            items: households(
              participants,
              (i) => [w.commune.id, secondWard.id, w.otherCommune.id][i % 3],
            ),
          })
          .expect(201);
        for (let i = 0; i < indicators; i++) {
          await created(
            w.as.staff.post(`${base}/indicators`, { name: `Chỉ tiêu ${i}`, unit: 'hộ' }),
          );
        }
        for (let i = 0; i < tasks; i++) {
          await createTask(w.as.staff, w.centre.id, {
            title: `Theo dõi dự án ${i}`,
            subjectType: 'project',
            subjectId: project.id,
          });
        }
        return base;
      };
      const small = await build(1, 1, 1);
      const big = await build(60, 5, 3);
      let view: ProjectDetailDto | undefined;
      const bigQueries = await countQueries(t.dataSource, async () => {
        view = (await w.as.district.get(big).expect(200)).body;
      });
      const smallQueries = await countQueries(t.dataSource, () =>
        w.as.district.get(small).expect(200),
      );
      expect(view!.participants.byStatus.total).toBe(60);
      expect(
        view!.participants.byWard.map((b: { adminUnit: { name: string } }) => b.adminUnit.name),
      ).toEqual(['Phường Tân An', 'Phường Trà Nóc', 'Phường Thới An Đông']);
      expect(view!.indicators).toHaveLength(5);
      expect(view!.tasks.map((task: { title: string }) => task.title)).toEqual([
        'Theo dõi dự án 0',
        'Theo dõi dự án 1',
        'Theo dõi dự án 2',
      ]);
      expect(view!.tasks[0]).toMatchObject({
        leadOrganisationName: 'Trung tâm Ứng dụng Tiến bộ KH&CN',
        status: 'open',
      });
      expect(view!).toMatchObject({
        programme: { code: 'VIEW-2023', name: 'Chương trình xem' },
        partnerOrganisations: [{ name: 'Trung tâm Ứng dụng Tiến bộ KH&CN' }],
        // Units by level, then code: 916 before 918.
        adminUnits: [{ name: 'Quận Ninh Kiều' }, { name: 'Quận Bình Thủy' }],
      });
      expect(bigQueries).toBe(smallQueries);
      // The project, its links, programme, participant counts, indicators, tasks and their
      // leads' names, then the organisations and units named: 9.
      expect(bigQueries).toBe(9);
    });

    it('declares If-Match in the OpenAPI document: required to change, checked on actions', async () => {
      const doc = (await request(t.http).get('/docs-json').expect(200)).body;
      const header = (path: string, method: string) =>
        (doc.paths[path][method].parameters as { name: string; required: boolean }[]).find(
          (p) => p.name === 'If-Match',
        );
      expect(header('/api/v1/projects/{id}', 'patch')?.required).toBe(true);
      expect(header('/api/v1/projects/{id}', 'delete')?.required).toBe(true);
      expect(header('/api/v1/projects/{id}/complete', 'post')?.required).toBe(false);
      expect(
        header('/api/v1/projects/{id}/participants/{participantId}/select', 'post')?.required,
      ).toBe(false);
      expect(header('/api/v1/projects/{id}/indicators/{indicatorId}', 'patch')?.required).toBe(
        true,
      );
    });
  });

  describe('district officers', () => {
    it('create projects only in their district, and change a shared project’s units only there', async () => {
      const outside = await w.as.district
        .post(PROJECTS, projectBody({ adminUnitIds: [w.commune.id, w.otherCommune.id] }))
        .expect(400);
      expect(outside.body.errors).toEqual([
        { field: 'adminUnitIds.1', message: 'must be your district or one of its communes' },
      ]);
      // Organisations they name must be ones they can see (of their district).
      const partner = await w.as.district
        .post(PROJECTS, projectBody({ partnerOrganisationIds: [w.centre.id] }))
        .expect(400);
      expect(partner.body.errors).toEqual([
        { field: 'partnerOrganisationIds.0', message: 'no organisation has this id' },
      ]);

      const shared = await createProject(w.as.staff, {
        adminUnitIds: [w.district.id, w.otherDistrict.id],
        partnerOrganisationIds: [w.centre.id],
      });
      const path = `${PROJECTS}/${shared.id}`;
      await w.as.district.get(path).expect(200);
      const dropOther = await w.as.district
        .patch(path, { adminUnitIds: [w.district.id] }, 1)
        .expect(400);
      expect(dropOther.body.errors).toEqual([
        {
          field: 'adminUnitIds',
          message: 'must keep Quận Ninh Kiều (916): it lies outside your district',
        },
      ]);
      // Keeping the other district's unit and the Department's partner, adding a ward: allowed.
      const added = await w.as.district
        .patch(
          path,
          {
            adminUnitIds: [w.district.id, w.otherDistrict.id, w.commune.id],
            partnerOrganisationIds: [w.centre.id, w.districtOffice.id],
            leadOrganisationId: null,
          },
          1,
        )
        .expect(200);
      expect(added.body.adminUnitIds).toHaveLength(3);
      // Households only in their own wards, even on a shared project.
      const foreignWard = await w.as.district
        .post(`${path}/participants`, { name: 'Hộ', adminUnitId: w.otherCommune.id })
        .expect(400);
      expect(foreignWard.body.errors).toEqual([
        { field: 'adminUnitId', message: 'must be your district or one of its communes' },
      ]);
      // They see the other district's households there, but leave them to that district.
      const theirs = await created(
        w.as.staff.post(`${path}/participants`, { name: 'Hộ', adminUnitId: w.otherCommune.id }),
      );
      await w.as.district.get(`${path}/participants/${theirs.id}`).expect(200);
      const refused = await w.as.district
        .patch(`${path}/participants/${theirs.id}`, { areaM2: 10 }, 1)
        .expect(403);
      expect(refused.body.detail).toBe(
        'A district officer changes only the participants of their own district’s wards',
      );
      await w.as.district.post(`${path}/participants/${theirs.id}/withdraw`, {}).expect(403);
      // Dropping their own district's units would move the project out of their reach.
      const away = await w.as.district
        .patch(path, { adminUnitIds: [w.otherDistrict.id] }, 2)
        .expect(400);
      expect(away.body.errors).toEqual([
        {
          field: 'adminUnitIds',
          message: 'must include a unit of your district or one of its communes',
        },
      ]);
    });

    it('list only the projects with a unit in their district', async () => {
      const own = await createProject(w.as.staff, { adminUnitIds: [w.commune.id] });
      const foreign = await createProject(w.as.staff, {
        adminUnitIds: [w.otherDistrict.id],
        leadOrganisationId: null,
      });
      const ids = itemIds(await w.as.district.get(`${PROJECTS}?pageSize=100`).expect(200));
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(foreign.id);
      await w.as.district.get(`${PROJECTS}/${foreign.id}`).expect(404);
      await w.as.district.get(`${PROJECTS}/${foreign.id}/participants`).expect(404);
      await w.as.district.get(`${PROJECTS}/${foreign.id}/indicators`).expect(404);
    });
  });

  describe('access', () => {
    const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    const WRITERS = new Set<CallerName>(['admin', 'staff', 'district']);
    type Situation = 'own' | 'elsewhere';
    interface Fixture {
      project: string;
      participant: string;
      indicator: string;
    }
    /** A project in the officer's district (own) or in the other one, with one participant and indicator. */
    const fixture = async (situation: Situation): Promise<Fixture> => {
      const own = situation === 'own';
      const project = await createProject(w.as.staff, {
        adminUnitIds: [own ? w.district.id : w.otherDistrict.id],
        leadOrganisationId: own ? w.districtOffice.id : w.otherDistrictOffice.id,
      });
      const participant = await created(
        w.as.staff.post(`${PROJECTS}/${project.id}/participants`, {
          name: 'Hộ mẫu (dữ liệu mẫu)',
          adminUnitId: own ? w.commune.id : w.otherCommune.id,
        }),
      );
      const indicator = await created(
        w.as.staff.post(`${PROJECTS}/${project.id}/indicators`, { name: 'Số hộ', unit: 'hộ' }),
      );
      return { project: project.id, participant: participant.id, indicator: indicator.id };
    };

    interface Route {
      name: string;
      policy: 'read' | 'write' | 'list';
      prepare?: (f: Fixture) => Promise<number>;
      call: (as: Caller, f: Fixture, version: number, situation: Situation) => request.Test;
    }
    const p = (f: Fixture) => `${PROJECTS}/${f.project}`;
    const pp = (f: Fixture) => `${p(f)}/participants/${f.participant}`;
    const pi = (f: Fixture) => `${p(f)}/indicators/${f.indicator}`;
    const unitOf = (s: Situation) => (s === 'own' ? w.commune.id : w.otherCommune.id);
    const routes: Route[] = [
      { name: 'list projects', policy: 'list', call: (as) => as.get(PROJECTS) },
      { name: 'get a project', policy: 'read', call: (as, f) => as.get(p(f)) },
      {
        name: 'create a project',
        policy: 'write',
        call: (as, _f, _v, s) =>
          as.post(PROJECTS, projectBody({ adminUnitIds: [unitOf(s)], leadOrganisationId: null })),
      },
      {
        name: 'update a project',
        policy: 'write',
        call: (as, f, v) => as.patch(p(f), { description: 'Mô tả' }, v),
      },
      { name: 'delete a project', policy: 'write', call: (as, f, v) => as.delete(p(f), v) },
      {
        name: 'restore a project',
        policy: 'write',
        prepare: async (f) => versionOf(await w.as.staff.delete(p(f), 1).expect(200)),
        call: (as, f, v) => as.post(`${p(f)}/restore`, undefined, v),
      },
      { name: 'approve', policy: 'write', call: (as, f, v) => as.post(`${p(f)}/approve`, {}, v) },
      {
        name: 'start',
        policy: 'write',
        prepare: async (f) => versionOf(await act(w.as.staff, f.project, 'approve').expect(200)),
        call: (as, f, v) => as.post(`${p(f)}/start`, {}, v),
      },
      {
        name: 'complete',
        policy: 'write',
        prepare: async (f) => {
          await act(w.as.staff, f.project, 'approve').expect(200);
          return versionOf(await act(w.as.staff, f.project, 'start').expect(200));
        },
        call: (as, f, v) => as.post(`${p(f)}/complete`, {}, v),
      },
      {
        name: 'cancel',
        policy: 'write',
        call: (as, f, v) => as.post(`${p(f)}/cancel`, { reason: 'x' }, v),
      },
      {
        name: 'list participants',
        policy: 'read',
        call: (as, f) => as.get(`${p(f)}/participants`),
      },
      { name: 'get a participant', policy: 'read', call: (as, f) => as.get(pp(f)) },
      {
        name: 'add a participant',
        policy: 'write',
        call: (as, f, _v, s) =>
          as.post(`${p(f)}/participants`, { name: 'Hộ', adminUnitId: unitOf(s) }),
      },
      {
        name: 'bulk add participants',
        policy: 'write',
        call: (as, f, _v, s) =>
          as.post(`${p(f)}/participants/bulk`, {
            items: [{ name: 'Hộ', adminUnitId: unitOf(s) }],
          }),
      },
      {
        name: 'update a participant',
        policy: 'write',
        call: (as, f, v) => as.patch(pp(f), { areaM2: 800 }, v),
      },
      { name: 'delete a participant', policy: 'write', call: (as, f, v) => as.delete(pp(f), v) },
      {
        name: 'select a participant',
        policy: 'write',
        call: (as, f, v, s) =>
          as.post(
            `${pp(f)}/select`,
            {
              selectedByOrganisationId:
                s === 'own' ? w.districtOffice.id : w.otherDistrictOffice.id,
            },
            v,
          ),
      },
      {
        name: 'withdraw a participant',
        policy: 'write',
        call: (as, f, v) => as.post(`${pp(f)}/withdraw`, {}, v),
      },
      { name: 'list indicators', policy: 'read', call: (as, f) => as.get(`${p(f)}/indicators`) },
      { name: 'get an indicator', policy: 'read', call: (as, f) => as.get(pi(f)) },
      {
        name: 'add an indicator',
        policy: 'write',
        call: (as, f) => as.post(`${p(f)}/indicators`, { name: 'Năng suất', unit: 'kg' }),
      },
      {
        name: 'update an indicator',
        policy: 'write',
        call: (as, f, v) => as.patch(pi(f), { actual: 3 }, v),
      },
      { name: 'delete an indicator', policy: 'write', call: (as, f, v) => as.delete(pi(f), v) },
    ];

    /** 2xx, 403 for roles that may not, 404 for a district officer on another district's project. */
    const expected = (route: Route, caller: CallerName, situation: Situation): number | 'ok' => {
      const foreign = caller === 'district' && situation === 'elsewhere';
      switch (route.policy) {
        case 'list':
          return 'ok';
        case 'read':
          return foreign ? 404 : 'ok';
        case 'write':
          if (!WRITERS.has(caller)) return 403;
          // Creating in another district is refused naming the field; the rest is not found.
          if (foreign) return route.name === 'create a project' ? 400 : 404;
          return 'ok';
      }
    };

    it.each(['own', 'elsewhere'] as const)(
      'answers every role on every route (project %s)',
      async (situation) => {
        const failures: string[] = [];
        for (const route of routes) {
          for (const caller of CALLERS) {
            const want = expected(route, caller, situation);
            const f = await fixture(situation);
            const version = route.prepare ? await route.prepare(f) : 1;
            const res = await route.call(w.as[caller], f, version, situation);
            const ok = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
            if (!ok) failures.push(`${caller} ${route.name}: ${res.status} (wanted ${want})`);
          }
          const f = await fixture(situation);
          const anonymous = await route.call(w.anonymous, f, 1, situation);
          if (anonymous.status !== 401)
            failures.push(`anonymous ${route.name}: ${anonymous.status}`);
        }
        expect(failures).toEqual([]);
      },
      120_000,
    );
  });
});

/** On a database of its own: the demo finds its projects by title, which the tests above reuse. */
describe('Projects demo data', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('seeds the article’s two projects, sample households marked as such, and nothing the second time', async () => {
    const seeder = new ProjectsDemoSeeder(
      t.app.get(AdminUnitsService),
      t.app.get(ProgrammesService),
      t.app.get(ProjectsService),
      t.app.get(ParticipantsService),
    );
    // The test world stands in for the demo registry: its district and wards, its centre.
    const registry = {
      units: { binhThuy: w.district },
      department: w.department,
      informationCentre: w.centre,
    } as unknown as RegistryDemo;
    const first = new DemoTally();
    await seeder.seed(first, registry);
    const again = new DemoTally();
    await seeder.seed(again, registry);
    expect(again).toEqual({ created: 0, existing: first.created + first.existing });

    const find = async (title: string) =>
      itemsOf<{ id: string; title: string }>(
        await w.as.district
          .get(`${PROJECTS}?q=${encodeURIComponent(title)}&pageSize=100`)
          .expect(200),
      ).filter((p) => p.title === title);
    const [brand] = await find(DEMO_CON_SON_TITLE);
    const brandView = await w.as.district.get(`${PROJECTS}/${brand.id}`).expect(200);
    expect(brandView.body).toMatchObject({
      kind: 'ip_development',
      programme: {
        code: 'SHTT-2023',
        name: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023',
      },
      partnerOrganisations: [{ id: w.centre.id }],
      adminUnits: [{ id: w.district.id }],
      leadOrganisation: null,
      plannedStart: null,
      budget: { total: null },
      decisionNumber: null,
    });
    const [melon] = await find(DEMO_BITTER_MELON_TITLE);
    const melonView = await w.as.district.get(`${PROJECTS}/${melon.id}`).expect(200);
    // Two per ward of the district (the world's has one), proposed, for the ward to select.
    expect(melonView.body.participants.byStatus).toMatchObject({ proposed: 2, selected: 0 });
    const names = itemsOf<{ name: string; areaM2: number | null }>(
      await w.as.district.get(`${PROJECTS}/${melon.id}/participants`).expect(200),
    );
    expect(names.every((p) => /^Hộ mẫu \d+ \(dữ liệu mẫu\)$/.test(p.name))).toBe(true);
    expect(names.every((p) => p.areaM2 === null)).toBe(true);
  });
});
