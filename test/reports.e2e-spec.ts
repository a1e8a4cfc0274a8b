import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { SYSTEM_ACTOR } from '@app/platform';
import { AdminUnitsService } from '@app/registry';
import { TestClock } from './support/clock';
import { pdfText } from './support/pdf-text';
import { countQueries, created } from './support/sessions';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, signIn, World } from './support/world';

const REPORTS = '/api/v1/reports';
/** 10:00 on 15 January 2024 in Viet Nam: the 2023 reports are read as of 31 December 2023. */
const REPORT_DAY = '2024-01-15T03:00:00Z';

/** Supertest reads a binary answer into a Buffer. */
function binary(res: request.Test): request.Test {
  return res.buffer(true).parse((response, callback) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

/**
 * A district-year built through the API with known numbers, and its report asserted figure by
 * figure: sessions held and not, tasks done on time, done late, overdue, cancelled and still
 * running, a certificate revoked mid-year, a registration granted the year before, support needs
 * whose status moved after the year ended, projects dated, undated and out of the year.
 */
describe('Reports', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;
  const ids: Record<string, string> = {};

  const at = (iso: string) => clock.set(iso);
  const post = async (path: string, body: object) =>
    (await created(w.as.staff.post(path, body))).id;
  const act = async (path: string, body: object = {}) => {
    const res = await w.as.staff.post(path, body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  const session = async (
    host: string,
    year: number,
    day: string,
    status: 'planned' | 'held' | 'closed',
  ) => {
    const id = await post('/api/v1/working-sessions', {
      kind: 'working_visit',
      title: `Làm việc ${host === w.district.id ? 'tại quận' : 'nơi khác'} ngày ${day}`,
      startsAt: `${day}T14:00:00+07:00`,
      hostAdminUnitId: host,
      reportingYear: year,
      topics: ['intellectual_property'],
    });
    if (status !== 'planned') await act(`/api/v1/working-sessions/${id}/hold`);
    if (status === 'closed') await act(`/api/v1/working-sessions/${id}/close`);
    return id;
  };

  const task = (title: string, lead: string, sessionId: string | null, dueDate: string | null) =>
    post('/api/v1/tasks', {
      title,
      leadOrganisationId: lead,
      ...(sessionId ? { sourceSessionId: sessionId } : {}),
      ...(dueDate ? { dueDate } : {}),
    });

  const registration = (name: string, kind: string, unit: string, supportYear: number | null) =>
    post('/api/v1/ip-registrations', {
      kind,
      name,
      product: name,
      niceClasses: [31],
      adminUnitId: unit,
      ownerOrganisationId:
        unit === w.otherDistrict.id ? w.otherDistrictOffice.id : w.districtOffice.id,
      supportYear,
    });
  const event = (id: string, body: object) => act(`/api/v1/ip-registrations/${id}/events`, body);

  const enterprise = (name: string, unit: string) =>
    post('/api/v1/enterprises', { name, legalForm: 'llc', adminUnitId: unit });
  const certificate = (enterpriseId: string, number: string, issuedOn: string) =>
    post(`/api/v1/enterprises/${enterpriseId}/st-certificates`, {
      certificateNumber: number,
      issuedOn,
      issuerOrganisationId: w.department.id,
    });
  const need = (enterpriseId: string, reportedOn: string) =>
    post(`/api/v1/enterprises/${enterpriseId}/support-needs`, {
      category: 'quality_standards',
      description: `Áp dụng ISO 9001 (${reportedOn})`,
      reportedOn,
    });
  const needAct = (enterpriseId: string, needId: string, action: string, date: string) =>
    act(`/api/v1/enterprises/${enterpriseId}/support-needs/${needId}/${action}`, {
      date,
      note: `${action} ${date}`,
    });

  beforeAll(async () => {
    clock = new TestClock(REPORT_DAY);
    t = await startTestApp({ clock });
    w = await buildWorld(t);

    // Working sessions: two held in the district in 2023 (one in its commune), one planned; one
    // of another district and one of the district's 2022.
    ids.s1 = await session(w.district.id, 2023, '2023-03-10', 'held');
    ids.s2 = await session(w.commune.id, 2023, '2023-08-08', 'closed');
    ids.s3 = await session(w.district.id, 2023, '2023-11-20', 'planned');
    ids.otherSession = await session(w.otherDistrict.id, 2023, '2023-05-05', 'held');
    ids.s2022 = await session(w.district.id, 2022, '2022-06-01', 'held');
    await post(`/api/v1/working-sessions/${ids.s1}/participants`, {
      personId: w.departmentPerson.id,
      role: 'delegation_head',
    });

    // Tasks of the district's 2023 sessions.
    ids.onTime = await task('Đúng hạn', w.centre.id, ids.s1, '2023-09-30');
    ids.late = await task('Trễ hạn', w.centre.id, ids.s1, '2023-10-31');
    ids.overdue = await task('Quá hạn', w.centre.id, ids.s2, '2023-12-31');
    ids.noDue = await task('Không có hạn', w.department.id, ids.s2, null);
    ids.cancelled = await task('Đã hủy', w.department.id, ids.s3, '2023-12-01');
    ids.running = await task('Đang làm', w.department.id, ids.s3, '2024-03-01');
    // Not the district's 2023: another district's, the district's 2022, none.
    ids.otherTask = await task('Quận khác', w.centre.id, ids.otherSession, '2023-06-30');
    ids.task2022 = await task('Năm 2022', w.centre.id, ids.s2022, '2023-12-31');
    ids.noSession = await task('Không từ buổi làm việc', w.centre.id, null, '2023-12-31');
    // Completed on the day in Viet Nam: 23:30 on 25 September is still the 25th there.
    at('2023-09-25T16:30:00Z');
    await act(`/api/v1/tasks/${ids.onTime}/complete`, { note: 'Xong' });
    at('2023-11-05T02:00:00Z');
    await act(`/api/v1/tasks/${ids.late}/complete`, { note: 'Xong, trễ 5 ngày' });
    await act(`/api/v1/tasks/${ids.noDue}/complete`, { note: 'Xong' });
    await act(`/api/v1/tasks/${ids.task2022}/complete`, { note: 'Xong' });
    at(REPORT_DAY);
    await act(`/api/v1/tasks/${ids.cancelled}/cancel`, { reason: 'Không còn cần' });
    await act(`/api/v1/tasks/${ids.running}/start`);

    // IP registrations: one filed and accepted in 2023 then published in 2024; one granted in
    // 2022 (the year before: not in 2023); one granted in 2023; one being prepared; one of
    // another district.
    ids.accepted = await registration(
      'Nấm bào ngư Thới An Đông',
      'collective_mark',
      w.commune.id,
      2023,
    );
    await event(ids.accepted, {
      type: 'filed',
      date: '2023-03-15',
      applicationNumber: '4-2023-01234',
    });
    await event(ids.accepted, { type: 'formality_accepted', date: '2023-04-10' });
    await event(ids.accepted, { type: 'published', date: '2024-01-05' });
    ids.granted2022 = await registration('Vú sữa Lò Rèn', 'trademark', w.district.id, 2021);
    await event(ids.granted2022, {
      type: 'filed',
      date: '2021-03-01',
      applicationNumber: '4-2021-00077',
    });
    await event(ids.granted2022, { type: 'formality_accepted', date: '2021-04-01' });
    await event(ids.granted2022, { type: 'published', date: '2021-06-01' });
    await event(ids.granted2022, {
      type: 'granted',
      date: '2022-11-20',
      certificateNumber: 'VB-2022-1',
    });
    ids.granted2023 = await registration(
      'Gạo Bình Thủy',
      'certification_mark',
      w.district.id,
      2021,
    );
    await event(ids.granted2023, {
      type: 'filed',
      date: '2021-05-01',
      applicationNumber: '4-2021-00099',
    });
    await event(ids.granted2023, { type: 'formality_accepted', date: '2021-06-01' });
    await event(ids.granted2023, { type: 'published', date: '2022-01-10' });
    await event(ids.granted2023, {
      type: 'granted',
      date: '2023-02-20',
      certificateNumber: 'VB-2023-7',
    });
    ids.preparing = await registration('Bánh tét lá cẩm', 'trademark', w.district.id, 2023);
    ids.otherIp = await registration('Bánh cống', 'trademark', w.otherDistrict.id, 2023);

    // Enterprises: certified since 2022 (still at the year's end); certified in February 2023 and
    // revoked on 30 June 2023; certified only in 2024; revoked at the end of 2022; another
    // district's.
    ids.e1 = await enterprise('Công ty TNHH Một', w.commune.id);
    await certificate(ids.e1, 'GCN-01', '2022-05-10');
    ids.e2 = await enterprise('Công ty TNHH Hai', w.district.id);
    const revoked = await certificate(ids.e2, 'GCN-02', '2023-02-01');
    await act(`/api/v1/enterprises/${ids.e2}/st-certificates/${revoked}/revoke`, {
      date: '2023-06-30',
      reason: 'Quyết định thu hồi (mẫu)',
    });
    ids.e3 = await enterprise('Công ty TNHH Ba', w.district.id);
    await certificate(ids.e3, 'GCN-03', '2024-01-02');
    ids.e5 = await enterprise('Công ty TNHH Năm', w.district.id);
    const old = await certificate(ids.e5, 'GCN-05', '2020-01-01');
    await act(`/api/v1/enterprises/${ids.e5}/st-certificates/${old}/revoke`, {
      date: '2023-01-01',
      reason: 'Hết điều kiện',
    });
    ids.eOther = await enterprise('Công ty TNHH Khác', w.otherDistrict.id);
    await certificate(ids.eOther, 'GCN-09', '2023-03-03');

    // Support needs: confirmed in 2023 and supported in 2024 (confirmed at the year's end);
    // declined in 2023; reported in 2024; supported in 2022.
    ids.n1 = await need(ids.e1, '2023-03-01');
    await needAct(ids.e1, ids.n1, 'confirm', '2023-04-01');
    await needAct(ids.e1, ids.n1, 'support', '2024-01-10');
    ids.n2 = await need(ids.e2, '2023-05-01');
    await needAct(ids.e2, ids.n2, 'decline', '2023-05-20');
    ids.n3 = await need(ids.e3, '2024-01-03');
    ids.n4 = await need(ids.e5, '2022-01-01');
    await needAct(ids.e5, ids.n4, 'confirm', '2022-02-01');
    await needAct(ids.e5, ids.n4, 'support', '2022-06-01');

    // Projects: planned in 2023 with households (two selected); in a 2023 programme across both
    // districts, no dates; undated with no programme (counted while not final); planned in 2024;
    // undated and cancelled.
    const programme = await post('/api/v1/programmes', {
      code: 'SHTT-2023',
      name: 'Chương trình phát triển tài sản trí tuệ 2023',
      ownerOrganisationId: w.department.id,
      startYear: 2023,
      endYear: 2023,
    });
    ids.p1 = await post('/api/v1/projects', {
      kind: 'agricultural_model',
      title: 'Mô hình khổ qua ghép gốc mướp',
      adminUnitIds: [w.district.id],
      plannedStart: '2023-03-01',
      plannedEnd: '2023-12-31',
    });
    const households = await Promise.all(
      ['Hộ mẫu 1', 'Hộ mẫu 2', 'Hộ mẫu 3'].map((name) =>
        post(`/api/v1/projects/${ids.p1}/participants`, { name, adminUnitId: w.commune.id }),
      ),
    );
    for (const household of households.slice(0, 2)) {
      await act(`/api/v1/projects/${ids.p1}/participants/${household}/select`, {
        selectedByOrganisationId: w.districtOffice.id,
        selectedOn: '2023-04-01',
      });
    }
    ids.indicator = await post(`/api/v1/projects/${ids.p1}/indicators`, {
      name: 'Năng suất',
      unit: 'kg/1000 m²',
      target: 2500,
    });
    ids.p2 = await post('/api/v1/projects', {
      kind: 'ip_development',
      title: 'Thương hiệu du lịch cộng đồng Cồn Sơn',
      adminUnitIds: [w.district.id, w.otherDistrict.id],
      programmeId: programme,
    });
    ids.p4 = await post('/api/v1/projects', {
      kind: 'other',
      title: 'Dự án chưa có thời gian',
      adminUnitIds: [w.commune.id],
    });
    ids.p3 = await post('/api/v1/projects', {
      kind: 'research',
      title: 'Đề tài năm 2024',
      adminUnitIds: [w.district.id],
      plannedStart: '2024-02-01',
      plannedEnd: '2024-12-31',
    });
    ids.p5 = await post('/api/v1/projects', {
      kind: 'other',
      title: 'Dự án đã hủy',
      adminUnitIds: [w.district.id],
    });
    await act(`/api/v1/projects/${ids.p5}/cancel`, { reason: 'Không triển khai' });
  }, 180_000);
  afterAll(() => t.close());

  const districtReport = (as: Caller, query: string) =>
    as.get(`${REPORTS}/district-activity?adminUnitId=${w.district.id}&${query}`);

  describe('district activity', () => {
    // The JSON as the client reads it; each test checks the part it is about.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let report: Record<string, any>;

    beforeAll(async () => {
      report = (await districtReport(w.as.leader, 'year=2023').expect(200)).body;
    });

    it('names the unit, its province and the period, read as of the year’s end', () => {
      expect(report.adminUnit).toMatchObject({
        id: w.district.id,
        name: 'Quận Bình Thủy',
        code: '918',
      });
      expect(report.province).toMatchObject({ id: w.province.id, level: 'province' });
      expect(report.period).toEqual({
        year: 2023,
        from: '2023-01-01',
        to: '2023-12-31',
        asOf: '2023-12-31',
        label: 'Năm 2023',
      });
      expect(report.today).toBe('2024-01-15');
      expect(report.generatedAt).toBe('2024-01-15T10:00:00+07:00');
    });

    it('counts the sessions held, with their delegation heads', () => {
      expect(report.workingSessions).toMatchObject({
        count: 2,
        byStatus: { planned: 1, held: 1, closed: 1, cancelled: 0 },
      });
      expect(report.workingSessions.items.map((s: { id: string }) => s.id)).toEqual([
        ids.s1,
        ids.s2,
      ]);
      expect(report.workingSessions.items[0]).toMatchObject({
        startsAt: '2023-03-10T14:00:00+07:00',
        status: 'held',
        hostAdminUnit: { id: w.district.id, name: 'Quận Bình Thủy' },
        delegationHead: {
          personId: w.departmentPerson.id,
          organisationId: null,
          name: 'Trần Hoài Phương',
          position: 'Phó Giám đốc Sở',
        },
      });
      expect(report.workingSessions.items[1]).toMatchObject({
        hostAdminUnit: { id: w.commune.id },
        delegationHead: null,
      });
    });

    it('counts the tasks of those sessions: on time, late, overdue, cancelled, running', () => {
      const { items, byLead, ...figures } = report.tasks;
      expect(figures).toEqual({
        assigned: 6,
        done: 3,
        doneOnTime: 2,
        doneLate: 1,
        overdue: 1,
        open: 2,
        cancelled: 1,
        onTimeRate: 2 / 3,
      });
      const byId = Object.fromEntries(items.map((i: { id: string }) => [i.id, i]));
      expect(Object.keys(byId).sort()).toEqual(
        [ids.onTime, ids.late, ids.overdue, ids.noDue, ids.cancelled, ids.running].sort(),
      );
      expect(byId[ids.onTime]).toMatchObject({
        status: 'done',
        completedOn: '2023-09-25',
        onTime: true,
        overdue: false,
        daysLate: null,
        session: { id: ids.s1 },
        leadOrganisation: { id: w.centre.id, name: w.centre.name },
      });
      expect(byId[ids.late]).toMatchObject({
        completedOn: '2023-11-05',
        onTime: false,
        daysLate: 5,
      });
      expect(byId[ids.overdue]).toMatchObject({
        status: 'open',
        overdue: true,
        onTime: null,
        daysLate: 15,
      });
      expect(byId[ids.noDue]).toMatchObject({ dueDate: null, onTime: true });
      expect(byId[ids.cancelled]).toMatchObject({ status: 'cancelled', overdue: false });
      expect(byId[ids.running]).toMatchObject({ status: 'in_progress', overdue: false });
      // Sorted by name in Vietnamese order: Sở … before Trung tâm …
      expect(byLead).toEqual([
        {
          leadOrganisation: { id: w.department.id, name: w.department.name, shortName: 'Sở KH&CN' },
          assigned: 3,
          done: 1,
          doneOnTime: 1,
          overdue: 0,
          onTimeRate: 1,
        },
        {
          leadOrganisation: { id: w.centre.id, name: w.centre.name, shortName: null },
          assigned: 3,
          done: 2,
          doneOnTime: 1,
          overdue: 1,
          onTimeRate: 0.5,
        },
      ]);
    });

    it('counts IP registrations by status at the year’s end; the one granted the year before is not in it', () => {
      const { items, ...figures } = report.ipRegistrations;
      expect(figures).toEqual({
        total: 3,
        byStatus: {
          preparing: 1,
          filed: 0,
          formality_accepted: 1,
          published: 0,
          granted: 1,
          renewed: 0,
          refused: 0,
          withdrawn: 0,
          expired: 0,
        },
        byKind: {
          trademark: 1,
          collective_mark: 1,
          certification_mark: 1,
          geographical_indication: 0,
        },
        grantedInPeriod: 1,
      });
      const byId = Object.fromEntries(items.map((i: { id: string }) => [i.id, i]));
      expect(byId[ids.accepted]).toMatchObject({
        status: 'formality_accepted',
        currentStatus: 'published',
        applicationNumber: '4-2023-01234',
        filingDate: '2023-03-15',
        adminUnit: { id: w.commune.id, name: 'Phường Thới An Đông' },
        grantedInPeriod: false,
      });
      expect(byId[ids.granted2023]).toMatchObject({
        status: 'granted',
        grantDate: '2023-02-20',
        certificateNumber: 'VB-2023-7',
        grantedInPeriod: true,
      });
      expect(byId[ids.preparing]).toMatchObject({ status: 'preparing', supportYear: 2023 });
      expect(byId[ids.granted2022]).toBeUndefined();
    });

    it('counts enterprises certified during the year, the one revoked mid-year among them', () => {
      const { items, ...figures } = report.enterprises;
      expect(figures).toEqual({ certified: 2, certifiedAtEnd: 1 });
      // By name: Công ty TNHH Hai, then Một.
      expect(items).toEqual([
        {
          id: ids.e2,
          name: 'Công ty TNHH Hai',
          adminUnit: { id: w.district.id, name: 'Quận Bình Thủy' },
          certifiedAtEnd: false,
          certificates: [
            {
              id: expect.any(String),
              certificateNumber: 'GCN-02',
              issuedOn: '2023-02-01',
              endedOn: '2023-06-30',
              status: 'revoked',
            },
          ],
        },
        {
          id: ids.e1,
          name: 'Công ty TNHH Một',
          adminUnit: { id: w.commune.id, name: 'Phường Thới An Đông' },
          certifiedAtEnd: true,
          certificates: [
            {
              id: expect.any(String),
              certificateNumber: 'GCN-01',
              issuedOn: '2022-05-10',
              endedOn: null,
              status: 'valid',
            },
          ],
        },
      ]);
    });

    it('counts support needs open during the year by their status at its end', () => {
      const { items, ...figures } = report.supportNeeds;
      expect(figures).toEqual({
        total: 2,
        byStatus: { reported: 0, confirmed: 1, supported: 0, declined: 1 },
      });
      expect(
        items.map((n: { id: string; status: string; currentStatus: string }) => [
          n.id,
          n.status,
          n.currentStatus,
        ]),
      ).toEqual([
        [ids.n1, 'confirmed', 'supported'],
        [ids.n2, 'declined', 'declined'],
      ]);
    });

    it('counts the projects running in the year, with households selected and indicators', () => {
      const { items, ...figures } = report.projects;
      expect(figures).toEqual({
        total: 3,
        byKind: {
          ip_development: 1,
          technology_application: 0,
          agricultural_model: 1,
          research: 0,
          infrastructure_proposal: 0,
          other: 1,
        },
        byStatus: { proposed: 3, approved: 0, in_progress: 0, completed: 0, cancelled: 0 },
        participantsSelected: 2,
        participants: 3,
        indicators: 1,
      });
      const byId = Object.fromEntries(items.map((i: { id: string }) => [i.id, i]));
      expect(Object.keys(byId).sort()).toEqual([ids.p1, ids.p2, ids.p4].sort());
      expect(byId[ids.p1]).toMatchObject({
        dated: true,
        start: '2023-03-01',
        end: '2023-12-31',
        participants: 3,
        participantsSelected: 2,
        indicators: [
          { id: ids.indicator, name: 'Năng suất', unit: 'kg/1000 m²', target: 2500, actual: null },
        ],
      });
      expect(byId[ids.p2]).toMatchObject({
        dated: true,
        programme: { code: 'SHTT-2023' },
        start: null,
      });
      expect(byId[ids.p4]).toMatchObject({ dated: false, programme: null });
    });

    it('reads a range of days: sessions by the day they started', async () => {
      const res = await districtReport(w.as.admin, 'from=2023-07-01&to=2023-12-31').expect(200);
      expect(res.body.period).toMatchObject({ year: null, label: 'Từ 01/07/2023 đến 31/12/2023' });
      expect(res.body.workingSessions.items.map((s: { id: string }) => s.id)).toEqual([ids.s2]);
      expect(res.body.tasks.assigned).toBe(4);
      // Events of the second half of 2023: none of the registrations had one.
      expect(res.body.ipRegistrations.total).toBe(2);
    });

    it('reports the year before: the registration granted then, its own tasks', async () => {
      const res = await districtReport(w.as.admin, 'year=2022').expect(200);
      expect(res.body.ipRegistrations).toMatchObject({ total: 2, grantedInPeriod: 1 });
      expect(res.body.ipRegistrations.byStatus).toMatchObject({ granted: 1, published: 1 });
      expect(res.body.tasks).toMatchObject({ assigned: 1, done: 1, doneOnTime: 1, onTimeRate: 1 });
      expect(res.body.enterprises).toMatchObject({ certified: 2, certifiedAtEnd: 2 });
    });

    it('shows zeros, not an error, for a year with nothing recorded', async () => {
      const res = await districtReport(w.as.admin, 'year=2019').expect(200);
      expect(res.body.workingSessions).toEqual({
        count: 0,
        byStatus: { planned: 0, held: 0, closed: 0, cancelled: 0 },
        items: [],
      });
      expect(res.body.tasks).toMatchObject({
        assigned: 0,
        onTimeRate: null,
        items: [],
        byLead: [],
      });
      // The undated, unfinished project is counted in every period (flagged dated: false).
      expect(res.body.projects.items.map((p: { id: string }) => p.id)).toEqual([ids.p4]);
    });

    it('refuses a bad period, a unit that is not a district and an unknown unit', async () => {
      const bad = async (query: string, field: string) => {
        const res = await w.as.admin.get(`${REPORTS}/district-activity?${query}`).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      };
      await bad(`adminUnitId=${w.district.id}`, 'year');
      await bad(`adminUnitId=${w.district.id}&year=2023&from=2023-01-01&to=2023-02-01`, 'year');
      await bad(`adminUnitId=${w.district.id}&from=2023-02-01&to=2023-01-01`, 'to');
      await bad(`adminUnitId=${w.district.id}&year=20203`, 'year');
      await bad(`adminUnitId=${w.commune.id}&year=2023`, 'adminUnitId');
      await bad(`adminUnitId=${w.province.id}&year=2023`, 'adminUnitId');
      await bad(`adminUnitId=${w.district.id}&year=2023&format=docx`, 'format');
      await w.as.admin
        .get(
          `${REPORTS}/district-activity?adminUnitId=7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11&year=2023`,
        )
        .expect(404);
    });

    it('answers in a fixed number of queries, however many records', async () => {
      const queries = async (query: string) => {
        // A write elsewhere moves the data version: the report is made anew, not sent as kept.
        await t.dataSource.query('UPDATE reporting.data_version SET version = version + 1');
        return countQueries(t.dataSource, () => districtReport(w.as.leader, query).expect(200));
      };
      // The data version, the unit in scope, the transaction (4 with its settings), the unit and
      // its grouping (4), six sections: the same for a full year as for an empty one.
      const full = await queries('year=2023');
      expect(full).toBeLessThanOrEqual(18);
      expect(await queries('year=2019')).toBe(full);
    });

    it('sends a report asked again unchanged as it was made, in one query, and makes it anew after any write', async () => {
      const first = await districtReport(w.as.leader, 'year=2023&items=none').expect(200);
      let again!: request.Response;
      expect(
        await countQueries(t.dataSource, async () => {
          again = await districtReport(w.as.leader, 'year=2023&items=none').expect(200);
        }),
      ).toBe(1);
      expect(again.body).toEqual(first.body);
      // Any write in any table a report reads, by anyone (here SQL, as another process would).
      const held = first.body.workingSessions.byStatus.held as number;
      const setStatus = (status: string) =>
        t.dataSource.query(`UPDATE working_session SET status = $2 WHERE id = $1`, [
          ids.s3,
          status,
        ]);
      await setStatus('held');
      try {
        const after = await districtReport(w.as.leader, 'year=2023&items=none').expect(200);
        expect(after.body.workingSessions.byStatus.held).toBe(held + 1);
        expect(
          await countQueries(t.dataSource, () =>
            districtReport(w.as.leader, 'year=2023&items=none').expect(200),
          ),
        ).toBe(1);
      } finally {
        await setStatus('planned');
      }
      const back = await districtReport(w.as.leader, 'year=2023&items=none').expect(200);
      expect(back.body.workingSessions).toEqual(first.body.workingSessions);
    });

    it('gzips the JSON for a client that accepts it, and sends it plain to one that does not', async () => {
      const zipped = await districtReport(w.as.leader, 'year=2023').set('Accept-Encoding', 'gzip');
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
      const plain = await districtReport(w.as.leader, 'year=2023').set(
        'Accept-Encoding',
        'identity',
      );
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Number(plain.headers['content-length'])).toBeGreaterThan(
        Number(zipped.headers['content-length']),
      );
      expect(zipped.body).toEqual(plain.body);
      expect(plain.body.workingSessions.items.length).toBeGreaterThan(0);
    });
  });

  describe('who may read what', () => {
    const expected: Record<CallerName, number> = {
      admin: 200,
      staff: 200,
      leader: 200,
      district: 200,
      centre: 403,
    };

    it('gives leadership, the Department and the district officer their district; unit staff 403', async () => {
      for (const [name, status] of Object.entries(expected) as [CallerName, number][]) {
        await districtReport(w.as[name], 'year=2023').expect(status);
        await w.as[name].get(`${REPORTS}/overview?year=2023`).expect(status);
        await w.as[name].get(`${REPORTS}/task-follow-up`).expect(200);
      }
      await w.anonymous.get(`${REPORTS}/overview?year=2023`).expect(401);
    });

    it('answers 404 to a district officer asking for another district, as for any of its records', async () => {
      const res = await w.as.district
        .get(`${REPORTS}/district-activity?adminUnitId=${w.otherDistrict.id}&year=2023`)
        .expect(404);
      expect(res.body.detail).toMatch(/not found/);
      await w.as.leader
        .get(`${REPORTS}/district-activity?adminUnitId=${w.otherDistrict.id}&year=2023`)
        .expect(200);
      await w.as.admin
        .get(`${REPORTS}/district-activity?adminUnitId=${w.otherDistrict.id}&year=2023&format=pdf`)
        .expect(200);
      await w.as.district
        .get(`${REPORTS}/district-activity?adminUnitId=${w.otherDistrict.id}&year=2023&format=csv`)
        .expect(404);
    });

    it('gives a district officer their own row of the overview, and tasks of their district only', async () => {
      const overview = await w.as.district.get(`${REPORTS}/overview?year=2023`).expect(200);
      expect(overview.body.rows.map((r: { adminUnit: { id: string } }) => r.adminUnit.id)).toEqual([
        w.district.id,
      ]);
      expect(overview.body.totals.tasks.assigned).toBe(6);
      const followUp = await w.as.district.get(`${REPORTS}/task-follow-up`).expect(200);
      expect(followUp.body.totals.assigned).toBe(7);
    });

    it('gives unit staff the follow-up of their own unit; another unit answers 404', async () => {
      const own = await w.as.centre.get(`${REPORTS}/task-follow-up`).expect(200);
      expect(
        own.body.rows.map((r: { leadOrganisation: { id: string } }) => r.leadOrganisation.id),
      ).toEqual([w.centre.id]);
      await w.as.centre
        .get(`${REPORTS}/task-follow-up?leadOrganisationId=${w.centre.id}`)
        .expect(200);
      await w.as.centre
        .get(`${REPORTS}/task-follow-up?leadOrganisationId=${w.department.id}`)
        .expect(404);
    });
  });

  describe('overview', () => {
    it('puts every district side by side, zeros included, with totals the rows add up to', async () => {
      const res = await w.as.leader
        .get(`${REPORTS}/overview?year=2023&provinceId=${w.province.id}`)
        .expect(200);
      const body = res.body;
      expect(body.province).toMatchObject({ id: w.province.id });
      expect(body.groupBy).toBe('unit');
      expect(
        body.rows.map((r: { adminUnit: { name: string }; provinceLevel: boolean }) => [
          r.adminUnit.name,
          r.provinceLevel,
        ]),
      ).toEqual([
        ['Quận Ninh Kiều', false],
        ['Quận Bình Thủy', false],
        ['Thành phố Cần Thơ', true],
      ]);
      const [other, district, province] = body.rows;
      const report = (await districtReport(w.as.leader, 'year=2023').expect(200)).body;
      // The district's row has the district report's headline figures.
      for (const section of [
        'workingSessions',
        'ipRegistrations',
        'enterprises',
        'supportNeeds',
        'tasks',
      ] as const) {
        const { items: _items, byLead: _byLead, ...figures } = report[section];
        expect({ section, figures: district[section] }).toEqual({ section, figures });
      }
      const { items: _items, indicators: _indicators, ...projectFigures } = report.projects;
      expect(district.projects).toEqual(projectFigures);
      expect(district.report).toBe(
        `/api/v1/reports/district-activity?adminUnitId=${w.district.id}&year=2023`,
      );
      expect(other).toMatchObject({
        workingSessions: { count: 1 },
        ipRegistrations: { total: 1 },
        enterprises: { certified: 1 },
        projects: { total: 1, participantsSelected: 0 },
        tasks: { assigned: 1, overdue: 1, onTimeRate: null },
      });
      expect(province).toMatchObject({
        workingSessions: { count: 0 },
        tasks: { assigned: 0 },
        report: null,
      });
      expect(body.totals).toMatchObject({
        workingSessions: { count: 3 },
        ipRegistrations: { total: 4, grantedInPeriod: 1 },
        enterprises: { certified: 3, certifiedAtEnd: 2 },
        supportNeeds: { total: 2 },
        // The Cồn Sơn project lies in both districts: once in the totals.
        projects: { total: 3, participantsSelected: 2 },
        tasks: { assigned: 7, done: 3, doneOnTime: 2, overdue: 2, onTimeRate: 2 / 3 },
      });
    });

    it('takes the Department’s province by default, and refuses a unit that is not a province', async () => {
      const res = await w.as.staff.get(`${REPORTS}/overview?year=2023`).expect(200);
      expect(res.body.province.id).toBe(w.province.id);
      const bad = await w.as.staff
        .get(`${REPORTS}/overview?year=2023&provinceId=${w.district.id}`)
        .expect(400);
      expect(bad.body.errors).toEqual([
        { field: 'provinceId', message: expect.stringMatching(/must be a province/) },
      ]);
    });
  });

  describe('task follow-up', () => {
    it('gives each lead unit its figures and its oldest open task, most overdue first', async () => {
      const res = await w.as.leader
        .get(`${REPORTS}/task-follow-up?from=2023-01-01&to=2023-12-31`)
        .expect(200);
      const body = res.body;
      expect(body.period).toEqual({
        from: '2023-01-01',
        to: '2023-12-31',
        label: 'Từ 01/01/2023 đến 31/12/2023',
      });
      expect(body.rows).toEqual([
        {
          leadOrganisation: { id: w.centre.id, name: w.centre.name, shortName: null },
          assigned: 4,
          done: 2,
          doneOnTime: 1,
          doneLate: 1,
          overdue: 2,
          open: 2,
          cancelled: 0,
          onTimeRate: 0.5,
          // Assigned on the day of its session (5 May 2023, another district's).
          oldestOpen: {
            id: ids.otherTask,
            title: 'Quận khác',
            assignedOn: '2023-05-05',
            ageDays: 255,
            dueDate: '2023-06-30',
          },
          tasks: `/api/v1/tasks?leadOrganisationId=${w.centre.id}`,
        },
        {
          leadOrganisation: { id: w.department.id, name: w.department.name, shortName: 'Sở KH&CN' },
          assigned: 3,
          done: 1,
          doneOnTime: 1,
          doneLate: 0,
          overdue: 0,
          open: 1,
          cancelled: 1,
          onTimeRate: 1,
          oldestOpen: expect.objectContaining({
            id: ids.running,
            assignedOn: '2023-11-20',
            ageDays: 56,
          }),
          tasks: `/api/v1/tasks?leadOrganisationId=${w.department.id}`,
        },
      ]);
      expect(body.totals).toMatchObject({
        assigned: 7,
        done: 3,
        doneOnTime: 2,
        overdue: 2,
        onTimeRate: 2 / 3,
      });
      expect(body.totals.oldestOpen.id).toBe(ids.otherTask);
    });

    it('counts every task without a range (a task from no session by the day it was recorded)', async () => {
      const res = await w.as.admin
        .get(`${REPORTS}/task-follow-up?leadOrganisationId=${w.centre.id}`)
        .expect(200);
      // The 2022 one and the one from no session too.
      expect(res.body.totals).toMatchObject({ assigned: 6, done: 3, overdue: 3 });
      expect(res.body.leadOrganisationId).toBe(w.centre.id);
    });
  });

  describe('files', () => {
    it('answers CSV in UTF-8 with BOM, named after the district and year, parsing back to the figures', async () => {
      const res = await binary(districtReport(w.as.leader, 'year=2023&format=csv')).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="bao-cao-binh-thuy-2023.csv"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20B%C3%ACnh%20Th%E1%BB%A7y%202023.csv`,
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records: string[][] = parse(bytes.toString('utf8'), {
        bom: true,
        relax_column_count: true,
      });
      expect(records[0][0]).toBe('Báo cáo hoạt động khoa học và công nghệ: Quận Bình Thủy');
      const figure = (key: string) => Number(records.find((r) => r[2] === key)?.[3]);
      expect(figure('workingSessions.count')).toBe(2);
      expect(figure('ipRegistrations.total')).toBe(3);
      expect(figure('ipRegistrations.byStatus.granted')).toBe(1);
      expect(figure('enterprises.certified')).toBe(2);
      expect(figure('supportNeeds.byStatus.confirmed')).toBe(1);
      expect(figure('projects.total')).toBe(3);
      expect(figure('projects.participantsSelected')).toBe(2);
      expect(figure('tasks.assigned')).toBe(6);
      expect(figure('tasks.done')).toBe(3);
      expect(figure('tasks.doneOnTime')).toBe(2);
      expect(figure('tasks.overdue')).toBe(1);
      expect(figure('tasks.onTimeRate')).toBeCloseTo(2 / 3, 12);
      // The lists follow, under their titles: the tasks' six rows.
      const tasksAt = records.findIndex((r) => r[0] === 'Nhiệm vụ' && r.length === 1);
      expect(records[tasksAt + 1][0]).toBe('Nhiệm vụ');
      expect(
        records
          .slice(tasksAt + 2, tasksAt + 8)
          .map((r) => r[0])
          .sort(),
      ).toEqual(['Đúng hạn', 'Trễ hạn', 'Quá hạn', 'Không có hạn', 'Đã hủy', 'Đang làm'].sort());
    });

    it('answers XLSX with a sheet per section and typed cells', async () => {
      const res = await binary(districtReport(w.as.leader, 'year=2023&format=xlsx')).expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toMatch(/filename="bao-cao-binh-thuy-2023\.xlsx"/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Tổng hợp',
        'Buổi làm việc',
        'Sở hữu trí tuệ',
        'Doanh nghiệp KH&CN',
        'Nhu cầu hỗ trợ',
        'Dự án',
        'Nhiệm vụ',
      ]);
      const summary = workbook.getWorksheet('Tổng hợp')!;
      const values = new Map<string, unknown>();
      summary.eachRow((row) => values.set(row.getCell(3).text, row.getCell(4).value));
      expect(values.get('workingSessions.count')).toBe(2);
      expect(values.get('enterprises.certified')).toBe(2);
      expect(values.get('tasks.assigned')).toBe(6);
      expect(values.get('tasks.doneOnTime')).toBe(2);
      expect(values.get('tasks.onTimeRate')).toBeCloseTo(2 / 3, 12);
      // Dates as dates: the first session's day; numbers as numbers: days late.
      const sessions = workbook.getWorksheet('Buổi làm việc')!;
      expect(sessions.getRow(5).getCell(1).value).toEqual(new Date(Date.UTC(2023, 2, 10)));
      const tasks = workbook.getWorksheet('Nhiệm vụ')!;
      const late = [5, 6, 7, 8, 9, 10]
        .map((n) => tasks.getRow(n))
        .find((r) => r.getCell(1).value === 'Trễ hạn')!;
      expect(late.getCell(3).value).toEqual(new Date(Date.UTC(2023, 9, 31)));
      expect(late.getCell(4).value).toEqual(new Date(Date.UTC(2023, 10, 5)));
      expect(late.getCell(8).value).toBe(5);
    });

    it('answers an A4 PDF whose text keeps Vietnamese diacritics', async () => {
      const res = await binary(districtReport(w.as.leader, 'year=2023&format=pdf')).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/filename="bao-cao-binh-thuy-2023\.pdf"/);
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text, pages } = await pdfText(bytes);
      expect(text).toContain('Bình Thủy');
      expect(text).toContain('Năm 2023');
      expect(text).toContain('Lập lúc 15/01/2024 10:00 (giờ Việt Nam)');
      expect(text).toContain('Tỷ lệ hoàn thành đúng hạn theo đơn vị chủ trì');
      expect(text).toContain('Trần Hoài Phương');
      // Letters with a dot below (ụ, ị) stay whole, not a letter and a stray mark.
      expect(text).toContain('Nhiệm vụ được giao');
      expect(pages).toBeGreaterThanOrEqual(1);
    });

    it('answers the overview and the follow-up as files too', async () => {
      const overview = await binary(
        w.as.leader.get(`${REPORTS}/overview?year=2023&format=xlsx`),
      ).expect(200);
      expect(overview.headers['content-disposition']).toMatch(
        /filename="tong-quan-can-tho-2023\.xlsx"/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(overview.body as ArrayBuffer);
      const sheet = workbook.getWorksheet('Tổng quan')!;
      const total = sheet.getRow(5 + 3);
      expect(total.getCell(1).value).toBe('Tổng cộng');
      expect(total.getCell(10).value).toBe(7);
      const pdf = await binary(w.as.leader.get(`${REPORTS}/task-follow-up?format=pdf`)).expect(200);
      expect(pdf.headers['content-disposition']).toMatch(
        /filename="theo-doi-nhiem-vu-tat-ca-don-vi-2024-01-15\.pdf"/,
      );
      const csv = await binary(w.as.leader.get(`${REPORTS}/overview?year=2023&format=csv`)).expect(
        200,
      );
      const records: string[][] = parse((csv.body as Buffer).toString('utf8'), {
        bom: true,
        relax_column_count: true,
      });
      expect(records.find((r) => r[0] === 'Quận Bình Thủy')?.[9]).toBe('6');
    });
  });

  describe('units after the 2025 reform', () => {
    it('reports a dissolved district’s past year and groups a post-reform year by the new units', async () => {
      const units = t.app.get(AdminUnitsService);
      // The province again after the reform, its new ward formed from the district's ward alone.
      await units.update(
        { actor: SYSTEM_ACTOR, id: w.district.id, ifMatch: undefined },
        { validTo: '2025-06-30' },
      );
      await units.update(
        { actor: SYSTEM_ACTOR, id: w.commune.id, ifMatch: undefined },
        { validTo: '2025-06-30' },
      );
      await units.update(
        { actor: SYSTEM_ACTOR, id: w.otherDistrict.id, ifMatch: undefined },
        { validTo: '2025-06-30' },
      );
      await units.update(
        { actor: SYSTEM_ACTOR, id: w.otherCommune.id, ifMatch: undefined },
        { validTo: '2025-06-30' },
      );
      await units.update(
        { actor: SYSTEM_ACTOR, id: w.province.id, ifMatch: undefined },
        { validTo: '2025-06-30' },
      );
      const province = await units.create(SYSTEM_ACTOR, {
        code: '92',
        name: 'Thành phố Cần Thơ',
        level: 'province',
        subtype: 'thanh_pho',
        validFrom: '2025-07-01',
      });
      const ward = await units.create(SYSTEM_ACTOR, {
        code: '31174',
        name: 'Phường Thới An Đông',
        level: 'commune',
        subtype: 'phuong',
        parentId: province.id,
        validFrom: '2025-07-01',
      });
      await t.dataSource.query(
        `INSERT INTO admin_unit_successor (predecessor_id, successor_id) VALUES ($1, $2), ($3, $4)`,
        [w.province.id, province.id, w.commune.id, ward.id],
      );
      at('2026-03-01T03:00:00Z');
      // Tokens last hours: sign in again in 2026.
      const leader = await signIn(t, 'test.leader');
      try {
        // The dissolved district's 2023 is as it was.
        const past = await districtReport(leader, 'year=2023').expect(200);
        expect(past.body.adminUnit.validTo).toBe('2025-06-30');
        expect(past.body.tasks).toMatchObject({ assigned: 6, doneOnTime: 2 });
        expect(past.body.enterprises.certified).toBe(2);

        // 2026 by the units in force: the new ward, which the old ward's enterprise went into.
        const now = await leader
          .get(`${REPORTS}/overview?year=2026&provinceId=${province.id}`)
          .expect(200);
        expect(now.body.provincesInForce.map((p: { id: string }) => p.id)).toEqual([province.id]);
        expect(now.body.rows.map((r: { adminUnit: { id: string } }) => r.adminUnit.id)).toEqual([
          ward.id,
          province.id,
        ]);
        // The old ward's enterprise, and the old district's own (its wards all went into this
        // ward); the other old district's wards went nowhere recorded: the province's row.
        expect(now.body.rows[0].enterprises).toEqual({ certified: 2, certifiedAtEnd: 2 });
        expect(now.body.rows[1].enterprises).toEqual({ certified: 1, certifiedAtEnd: 1 });
        expect(now.body.totals.enterprises).toEqual({ certified: 3, certifiedAtEnd: 3 });

        // The old districts' history of 2026 through the successors.
        const history = await leader
          .get(`${REPORTS}/overview?year=2026&provinceId=${province.id}&groupBy=district`)
          .expect(200);
        expect(history.body.rows.map((r: { adminUnit: { id: string } }) => r.adminUnit.id)).toEqual(
          [w.otherDistrict.id, w.district.id, province.id],
        );

        // The 2023 overview of today's province lists the districts it came from.
        const before = await leader
          .get(`${REPORTS}/overview?year=2023&provinceId=${province.id}`)
          .expect(200);
        expect(before.body.rows.map((r: { adminUnit: { id: string } }) => r.adminUnit.id)).toEqual([
          w.otherDistrict.id,
          w.district.id,
          province.id,
        ]);
        expect(before.body.totals.tasks.assigned).toBe(7);
      } finally {
        at(REPORT_DAY);
      }
    });
  });
});
