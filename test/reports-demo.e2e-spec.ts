import { SYSTEM_ACTOR } from '@app/platform';
import { EnterprisesService, StCertificatesService, SupportNeedsService } from '@app/enterprises';
import { IpRegistrationsService } from '@app/ip';
import { ParticipantsService, ProgrammesService, ProjectsService } from '@app/projects';
import {
  AdminUnitsService,
  importAdminUnits,
  OrganisationsService,
  PeopleService,
  readReferenceData,
} from '@app/registry';
import {
  SessionParticipantsService,
  SessionRecordsService,
  WorkingSessionsService,
} from '@app/sessions';
import { TasksService } from '@app/tasks';
import { DemoTally } from '../apps/cli/src/demo/demo';
import { EnterprisesDemoSeeder } from '../apps/cli/src/demo/enterprises.demo';
import { IpDemoSeeder } from '../apps/cli/src/demo/ip.demo';
import { ProjectsDemoSeeder } from '../apps/cli/src/demo/projects.demo';
import { RegistryDemoSeeder } from '../apps/cli/src/demo/registry.demo';
import { SessionsDemoSeeder } from '../apps/cli/src/demo/sessions.demo';
import { TestClock } from './support/clock';
import type { Caller } from './support/test-app';
import { startTestApp, TestApp } from './support/test-app';
import { signedInAccount } from './support/world';

const REPORTS = '/api/v1/reports';

/**
 * The article as data: `seed:demo`'s seeders (the official units, then the registry, the session,
 * the enterprises, the IP registrations and the projects, in the command's order) on a database
 * of this file's own, and the Bình Thủy 2023 report the article describes.
 */
describe('Reports on the demo data', () => {
  let t: TestApp;
  let leader: Caller;
  let binhThuy: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock('2026-01-15T03:00:00Z') });
    await importAdminUnits(t.dataSource, await readReferenceData());
    // The seeders as the CLI module makes them, on the app's own services.
    const get = t.app.get.bind(t.app);
    const tally = new DemoTally();
    const registry = await new RegistryDemoSeeder(
      get(AdminUnitsService),
      get(OrganisationsService),
      get(PeopleService),
    ).seed(tally);
    const session = await new SessionsDemoSeeder(
      get(WorkingSessionsService),
      get(SessionParticipantsService),
      get(SessionRecordsService),
      get(TasksService),
    ).seed(tally, registry);
    await new EnterprisesDemoSeeder(
      get(EnterprisesService),
      get(StCertificatesService),
      get(SupportNeedsService),
      get(TasksService),
    ).seed(tally, registry, session);
    await new IpDemoSeeder(
      get(ProgrammesService),
      get(IpRegistrationsService),
      get(AdminUnitsService),
    ).seed(tally, registry);
    await new ProjectsDemoSeeder(
      get(AdminUnitsService),
      get(ProgrammesService),
      get(ProjectsService),
      get(ParticipantsService),
    ).seed(tally, registry);
    binhThuy = registry.units.binhThuy.id;
    ({ as: leader } = await signedInAccount(t, {
      username: 'test.leader',
      fullName: 'Lãnh đạo Sở',
      role: 'leadership',
    }));
  }, 180_000);
  afterAll(() => t.close());

  it('shows Bình Thủy 2023 as the article tells it', async () => {
    const res = await leader
      .get(`${REPORTS}/district-activity?adminUnitId=${binhThuy}&year=2023`)
      .expect(200);
    const report = res.body;
    expect(report.adminUnit).toMatchObject({
      code: '918',
      name: 'Quận Bình Thủy',
      validTo: '2025-06-30',
    });
    // 1 working session, with its delegation head.
    expect(report.workingSessions.count).toBe(1);
    expect(report.workingSessions.items[0]).toMatchObject({
      startsAt: '2023-08-08T14:00:00+07:00',
      status: 'closed',
      delegationHead: { name: 'Trần Hoài Phương', position: 'Phó Giám đốc Sở' },
    });
    // 6 collective marks supported, being prepared.
    expect(report.ipRegistrations).toMatchObject({
      total: 6,
      byKind: {
        collective_mark: 6,
        trademark: 0,
        certification_mark: 0,
        geographical_indication: 0,
      },
      byStatus: { preparing: 6, filed: 0, granted: 0 },
      grantedInPeriod: 0,
    });
    expect(report.ipRegistrations.items.map((r: { name: string }) => r.name).sort()).toEqual(
      [
        'Bánh tét lá cẩm',
        'Làng nghề hoa kiểng Phó Thọ - Bà Bộ',
        'Nấm bào ngư phường Thới An Đông',
        'Rau an toàn Long Tuyền',
        'Sữa bò Long Hòa',
        'Vú sữa Thới An Đông',
      ].sort(),
    );
    // 2 certified S&T enterprises, each with its need to confirm.
    expect(report.enterprises).toMatchObject({ certified: 2, certifiedAtEnd: 2 });
    expect(report.enterprises.items.map((e: { name: string }) => e.name)).toEqual([
      'Công ty Cổ phần Dược thảo Fungi',
      'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ',
    ]);
    expect(report.supportNeeds).toMatchObject({ total: 2, byStatus: { reported: 2 } });
    // The bitter-melon model (undated: counted while it runs) and the Cồn Sơn project (its
    // programme's year), with the sample households of the eight wards.
    expect(report.projects).toMatchObject({ total: 2, participants: 16, participantsSelected: 0 });
    expect(report.projects.items.map((p: { title: string }) => p.title).sort()).toEqual([
      'Xây dựng, khai thác và phát triển thương hiệu du lịch cộng đồng Cồn Sơn',
      'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy',
    ]);
    // The 3 tasks, due in 2023 and open: overdue on 15 January 2026.
    const { items, byLead: _byLead, ...tasks } = report.tasks;
    expect(tasks).toEqual({
      assigned: 3,
      done: 0,
      doneOnTime: 0,
      doneLate: 0,
      overdue: 3,
      open: 3,
      cancelled: 0,
      onTimeRate: null,
    });
    expect(items).toHaveLength(3);
  });

  it('lists the 2023 districts of today’s Cần Thơ side by side, and its 2026 wards and communes', async () => {
    const y2023 = await leader.get(`${REPORTS}/overview?year=2023`).expect(200);
    // The Department lies in today's Thành phố Cần Thơ, formed from Cần Thơ, Hậu Giang and Sóc
    // Trăng: their 28 districts, and the province's own row.
    expect(y2023.body.provincesInForce.map((p: { code: string }) => p.code)).toEqual([
      '92',
      '93',
      '94',
    ]);
    expect(y2023.body.rows).toHaveLength(29);
    const row = y2023.body.rows.find(
      (r: { adminUnit: { code: string } }) => r.adminUnit.code === '918',
    );
    expect(row).toMatchObject({
      workingSessions: { count: 1 },
      ipRegistrations: { total: 6 },
      enterprises: { certified: 2 },
      projects: { total: 2 },
      tasks: { assigned: 3, overdue: 3 },
    });
    expect(
      y2023.body.rows.filter((r: { tasks: { assigned: number } }) => r.tasks.assigned > 0),
    ).toHaveLength(1);

    const y2026 = await leader.get(`${REPORTS}/overview?year=2026`).expect(200);
    expect(y2026.body.rows).toHaveLength(104);
    expect(y2026.body.totals).toMatchObject({
      enterprises: { certified: 2 },
      projects: { total: 1 },
    });
    const history = await leader.get(`${REPORTS}/overview?year=2026&groupBy=district`).expect(200);
    expect(history.body.rows).toHaveLength(29);
    expect(
      history.body.rows.find((r: { adminUnit: { code: string } }) => r.adminUnit.code === '918'),
    ).toMatchObject({ enterprises: { certified: 2 }, projects: { total: 1 } });
  });

  it('names the files after the district and year', async () => {
    const units = await t.app
      .get(AdminUnitsService)
      .list(SYSTEM_ACTOR, { page: 1, pageSize: 5, code: '918', validOn: '2023-08-08' });
    expect(units.items.map((u) => u.id)).toEqual([binhThuy]);
    const res = await leader
      .get(`${REPORTS}/district-activity?adminUnitId=${binhThuy}&year=2023&format=xlsx`)
      .expect(200);
    expect(res.headers['content-disposition']).toMatch(/filename="bao-cao-binh-thuy-2023\.xlsx"/);
  });
});
