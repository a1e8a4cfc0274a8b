import { SYSTEM_ACTOR } from '@app/platform';
import { OrganisationsService } from '@app/registry';
import type { WorkingSessionDetailDto } from '@app/sessions';
import {
  auditActions,
  countQueries,
  type Created,
  created,
  createSession,
  createTask,
  errorFields,
  itemIds,
  itemsOf,
  sessionBody,
  sessionWithConclusion,
} from './support/sessions';
import { TestClock } from './support/clock';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { buildWorld, CallerName, signIn, TEST_PASSWORD, versionOf, World } from './support/world';

const SESSIONS = '/api/v1/working-sessions';

describe('Working sessions: the article’s session through the API alone', () => {
  let t: TestApp;
  let clock: TestClock;

  beforeAll(async () => {
    // The evening of the session (19:00 in Viet Nam); the first start creates `admin`.
    clock = new TestClock('2023-08-08T12:00:00Z');
    t = await startTestApp({ clock, env: { ADMIN_PASSWORD: TEST_PASSWORD } });
  });
  afterAll(() => t.close());

  it('records units, organisations, people, the session, its participants, conclusions and tasks, then shows it whole', async () => {
    const admin = await signIn(t, 'admin');
    const post = async (path: string, body: object) =>
      (await created(admin.post(`/api/v1/${path}`, body))).id;

    const canTho = await post('admin-units', {
      code: '92',
      name: 'Thành phố Cần Thơ',
      level: 'province',
      subtype: 'thanh_pho',
      validTo: '2025-06-30',
    });
    const binhThuy = await post('admin-units', {
      code: '918',
      name: 'Quận Bình Thủy',
      level: 'district',
      subtype: 'quan',
      parentId: canTho,
      validTo: '2025-06-30',
    });
    const org = (name: string, shortName: string, kind: string, unit: string, parent?: string) =>
      post('organisations', { name, shortName, kind, adminUnitId: unit, parentId: parent });
    const department = await org(
      'Sở Khoa học và Công nghệ thành phố Cần Thơ',
      'Sở KH&CN TP. Cần Thơ',
      'department',
      canTho,
    );
    const unit = (name: string, shortName: string) =>
      org(name, shortName, 'department_unit', canTho, department);
    const technologyOffice = await unit(
      'Phòng Quản lý Công nghệ và Thị trường công nghệ',
      'Phòng QLCN&TTCN',
    );
    const scienceOffice = await unit('Phòng Quản lý Khoa học', 'Phòng QLKH');
    const standardsOffice = await unit('Chi cục Tiêu chuẩn Đo lường Chất lượng', 'Chi cục TĐC');
    const informationCentre = await unit(
      'Trung tâm Thông tin Khoa học và Công nghệ',
      'Trung tâm Thông tin KH&CN',
    );
    const applicationCentre = await unit(
      'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ',
      'Trung tâm Ứng dụng Tiến bộ KH&CN',
    );
    const committee = await org(
      'Ủy ban nhân dân quận Bình Thủy',
      'UBND quận Bình Thủy',
      'district_committee',
      binhThuy,
    );
    const economicOffice = await org(
      'Phòng Kinh tế quận Bình Thủy',
      'Phòng Kinh tế',
      'district_office',
      binhThuy,
      committee,
    );
    const phuong = await post('people', {
      fullName: 'Trần Hoài Phương',
      position: 'Phó Giám đốc Sở',
      organisationId: department,
    });
    const khanh = await post('people', {
      fullName: 'Nguyễn Văn Khánh',
      position: 'Phó Chủ tịch UBND quận',
      organisationId: committee,
    });

    const session = {
      kind: 'working_visit',
      title:
        'Làm việc với UBND quận Bình Thủy về triển khai các hoạt động khoa học và công nghệ trên địa bàn quận năm 2023',
      startsAt: '2023-08-08T14:00:00+07:00',
      venue: 'Hội trường Quận ủy Bình Thủy',
      hostAdminUnitId: binhThuy,
      reportingYear: 2023,
      topics: [
        'technology_innovation_programme',
        'intellectual_property',
        'st_enterprises',
        'agriculture_technology',
        'research_development',
        'ip_programme',
      ],
      summary: 'Quận báo cáo tình hình hoạt động khoa học và công nghệ năm 2023.',
    };
    // The article's own typo: "8/8/20203".
    const typo = await admin
      .post(SESSIONS, { ...session, startsAt: '20203-08-08T14:00:00+07:00' })
      .expect(400);
    expect(errorFields(typo)).toEqual(['startsAt']);
    const sessionId = await post('working-sessions', session);

    const participants: [string, object][] = [
      ['delegation_head', { personId: phuong }],
      ['host_chair', { personId: khanh }],
      ['delegation_member', { organisationId: technologyOffice }],
      ['delegation_member', { organisationId: scienceOffice }],
      ['delegation_member', { organisationId: standardsOffice }],
      ['delegation_member', { organisationId: informationCentre }],
      ['delegation_member', { organisationId: applicationCentre }],
      ['host_member', { organisationId: economicOffice }],
    ];
    const participantIds: string[] = [];
    for (const [role, party] of participants) {
      participantIds.push(
        await post(`working-sessions/${sessionId}/participants`, { role, ...party }),
      );
    }
    const head = participantIds[0];

    const records: [string, string, string | null][] = [
      [
        'opinion',
        'Các đại biểu đóng góp ý kiến về hoạt động nghiên cứu khoa học, phát triển công nghệ; Chương trình sở hữu trí tuệ; Chương trình đổi mới công nghệ.',
        null,
      ],
      [
        'conclusion',
        'Các phòng chức năng và các đơn vị trực thuộc Sở liên hệ trực tiếp với 02 doanh nghiệp (Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ và Công ty Cổ phần Dược thảo Fungi) để xác nhận nhu cầu mà doanh nghiệp cần hỗ trợ.',
        head,
      ],
      [
        'conclusion',
        'Hỗ trợ thông tin về chất lượng sản phẩm hàng hóa, xây dựng và áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO, TCVN.',
        head,
      ],
      [
        'conclusion',
        'Đối với dự án xử lý nước ở Cồn Sơn, giao Trung tâm Ứng dụng Tiến bộ KH&CN viết dự án đề xuất.',
        head,
      ],
    ];
    const recordIds: string[] = [];
    for (const [type, text, participantId] of records) {
      recordIds.push(
        await post(`working-sessions/${sessionId}/records`, { type, text, participantId }),
      );
    }
    const held = await admin.post(`${SESSIONS}/${sessionId}/hold`, {}, 1).expect(200);

    const contact = await post('tasks', {
      title: 'Liên hệ 02 doanh nghiệp KH&CN để xác nhận nhu cầu hỗ trợ',
      leadOrganisationId: technologyOffice,
      coOrganisationIds: [informationCentre, applicationCentre],
      assignedByPersonId: phuong,
      dueDate: '2023-09-30',
      sourceRecordId: recordIds[1],
    });
    const quality = await post('tasks', {
      title: 'Hỗ trợ thông tin chất lượng và áp dụng ISO, TCVN',
      leadOrganisationId: standardsOffice,
      assignedByPersonId: phuong,
      dueDate: '2023-12-31',
      priority: 'high',
      sourceSessionId: sessionId,
      sourceRecordId: recordIds[2],
    });
    const water = await post('tasks', {
      title: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn',
      leadOrganisationId: applicationCentre,
      assignedByPersonId: phuong,
      dueDate: '2023-10-31',
      sourceRecordId: recordIds[3],
    });
    await admin
      .post(`${SESSIONS}/${sessionId}/close`, { note: 'Biên bản đã thống nhất' }, versionOf(held))
      .expect(200);

    const view = await admin.get(`${SESSIONS}/${sessionId}`).expect(200);
    expect(view.headers.etag).toBe('"3"');
    expect(view.body).toEqual({
      id: sessionId,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      deletedAt: null,
      version: 3,
      kind: 'working_visit',
      title: session.title,
      startsAt: '2023-08-08T14:00:00+07:00',
      venue: 'Hội trường Quận ủy Bình Thủy',
      hostAdminUnitId: binhThuy,
      hostAdminUnit: {
        id: binhThuy,
        code: '918',
        name: 'Quận Bình Thủy',
        level: 'district',
        provinceName: 'Thành phố Cần Thơ',
      },
      reportingYear: 2023,
      periodLabel: null,
      // Kept in the documented order, whatever order they were sent in.
      topics: [
        'intellectual_property',
        'st_enterprises',
        'agriculture_technology',
        'research_development',
        'ip_programme',
        'technology_innovation_programme',
      ],
      summary: session.summary,
      status: 'closed',
      statusNote: 'Biên bản đã thống nhất',
      cancelReason: null,
      allowedActions: ['reopen'],
      participants: expect.any(Array),
      records: expect.any(Array),
      tasks: expect.any(Array),
    });
    const detail = view.body as WorkingSessionDetailDto;
    expect(detail.participants.map((p) => [p.role, p.name, p.position])).toEqual([
      ['delegation_head', 'Trần Hoài Phương', 'Phó Giám đốc Sở'],
      ['host_chair', 'Nguyễn Văn Khánh', 'Phó Chủ tịch UBND quận'],
      ['delegation_member', 'Phòng Quản lý Công nghệ và Thị trường công nghệ', null],
      ['delegation_member', 'Phòng Quản lý Khoa học', null],
      ['delegation_member', 'Chi cục Tiêu chuẩn Đo lường Chất lượng', null],
      ['delegation_member', 'Trung tâm Thông tin Khoa học và Công nghệ', null],
      ['delegation_member', 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ', null],
      ['host_member', 'Phòng Kinh tế quận Bình Thủy', null],
    ]);
    expect(view.body.participants[0]).toMatchObject({
      id: head,
      sessionId,
      personId: phuong,
      organisationId: null,
    });
    expect(view.body.participants[7]).toMatchObject({
      personId: null,
      organisationId: economicOffice,
    });
    expect(detail.records.map((r) => [r.id, r.order, r.type, r.text, r.participantId])).toEqual(
      records.map(([type, text, participantId], i) => [
        recordIds[i],
        i + 1,
        type,
        text,
        participantId,
      ]),
    );
    expect(view.body.tasks).toEqual([
      {
        id: contact,
        title: 'Liên hệ 02 doanh nghiệp KH&CN để xác nhận nhu cầu hỗ trợ',
        status: 'open',
        overdue: false,
        dueDate: '2023-09-30',
        leadOrganisationId: technologyOffice,
        leadOrganisationName: 'Phòng Quản lý Công nghệ và Thị trường công nghệ',
        sourceRecordId: recordIds[1],
      },
      {
        id: quality,
        title: 'Hỗ trợ thông tin chất lượng và áp dụng ISO, TCVN',
        status: 'open',
        overdue: false,
        dueDate: '2023-12-31',
        leadOrganisationId: standardsOffice,
        leadOrganisationName: 'Chi cục Tiêu chuẩn Đo lường Chất lượng',
        sourceRecordId: recordIds[2],
      },
      {
        id: water,
        title: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn',
        status: 'open',
        overdue: false,
        dueDate: '2023-10-31',
        leadOrganisationId: applicationCentre,
        leadOrganisationName: 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ',
        sourceRecordId: recordIds[3],
      },
    ]);
    const task = await admin.get(`/api/v1/tasks/${contact}`).expect(200);
    expect(task.body).toMatchObject({
      sourceSessionId: sessionId,
      coOrganisationIds: [informationCentre, applicationCentre].sort(),
      assignedByPersonId: phuong,
      priority: 'normal',
    });

    // A year later, none of them done: all three are overdue.
    clock.set('2024-08-08T03:00:00Z');
    const later = await (await signIn(t, 'admin')).get(`${SESSIONS}/${sessionId}`).expect(200);
    expect((later.body as WorkingSessionDetailDto).tasks.map((x) => x.overdue)).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('Working sessions', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock('2026-01-15T03:00:00Z') });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('validation', () => {
    it('refuses a start year outside 2000–2100 or without an offset, naming startsAt', async () => {
      for (const startsAt of [
        '20203-08-08T14:00:00+07:00',
        '1999-08-08T14:00:00+07:00',
        '2023-08-08T14:00:00',
      ]) {
        const res = await w.as.staff
          .post(SESSIONS, sessionBody(w.district.id, { startsAt }))
          .expect(400);
        expect(errorFields(res)).toEqual(['startsAt']);
      }
    });

    it('refuses a host unit not in force on the session’s day in Viet Nam, saying why', async () => {
      const old = await created(
        w.as.admin.post('/api/v1/admin-units', {
          code: '917',
          name: 'Quận Cũ',
          level: 'district',
          subtype: 'quan',
          parentId: w.province.id,
          validTo: '2025-06-30',
        }),
      );
      // 1 July 2025 00:30 in Viet Nam is still 30 June in UTC: the unit is gone by then.
      const res = await w.as.staff
        .post(SESSIONS, sessionBody(old.id, { startsAt: '2025-06-30T17:30:00Z' }))
        .expect(400);
      expect(res.body.errors).toEqual([
        {
          field: 'hostAdminUnitId',
          message: expect.stringMatching(/Quận Cũ \(917\) is not in force on 2025-07-01/),
        },
      ]);
      await w.as.staff
        .post(
          SESSIONS,
          sessionBody(old.id, { startsAt: '2025-06-30T16:30:00Z', reportingYear: 2025 }),
        )
        .expect(201);
    });

    it('refuses a province as host, an unknown topic, a bad year and a writable status', async () => {
      const province = await w.as.staff.post(SESSIONS, sessionBody(w.province.id)).expect(400);
      expect(province.body.errors[0]).toMatchObject({ field: 'hostAdminUnitId' });
      expect(province.body.errors[0].message).toMatch(/province/);
      const res = await w.as.staff
        .post(
          SESSIONS,
          sessionBody(w.district.id, {
            topics: ['weather'],
            reportingYear: 1999,
            status: 'closed',
            kind: 'party',
          }),
        )
        .expect(400);
      expect(errorFields(res).sort()).toEqual(['kind', 'reportingYear', 'status', 'topics']);
    });

    it('changes fields with If-Match, rechecking the host on a new date', async () => {
      const session = await createSession(w.as.staff, w.district.id);
      const path = `${SESSIONS}/${session.id}`;
      await w.as.staff.patch(path, { title: 'Giao ban' }).expect(428);
      const updated = await w.as.staff
        .patch(path, { title: 'Giao ban quý I', periodLabel: 'Quý I', kind: 'briefing' }, 1)
        .expect(200);
      expect(updated.body).toMatchObject({
        title: 'Giao ban quý I',
        periodLabel: 'Quý I',
        version: 2,
      });
      await w.as.staff.patch(path, { title: 'Cũ' }, 1).expect(412);
      await w.as.staff.patch(path, { title: null }, 2).expect(400);
      const moved = await w.as.staff.patch(path, { hostAdminUnitId: w.province.id }, 2).expect(400);
      expect(moved.body.errors[0].field).toBe('hostAdminUnitId');
      await w.as.staff.patch(path, { hostAdminUnitId: w.commune.id }, 2).expect(200);
    });
  });

  describe('lists', () => {
    let ids: Record<string, string>;

    beforeAll(async () => {
      const make = async (name: string, host: string, overrides: object) =>
        [name, (await createSession(w.as.staff, host, overrides)).id] as const;
      ids = Object.fromEntries(
        await Promise.all([
          make('late', w.district.id, {
            title: 'Hội nghị tổng kết Thới An Đông',
            kind: 'review_conference',
            reportingYear: 2019,
            // 23:30 on 8 Aug in Viet Nam.
            startsAt: '2019-08-08T23:30:00+07:00',
          }),
          make('early', w.commune.id, {
            title: 'Giao ban Cờ Đỏ',
            kind: 'briefing',
            reportingYear: 2019,
            // 00:30 on 9 Aug in Viet Nam, still 8 Aug in UTC.
            startsAt: '2019-08-08T17:30:00Z',
          }),
          make('other', w.otherDistrict.id, {
            reportingYear: 2019,
            startsAt: '2019-08-07T09:00:00+07:00',
          }),
        ]),
      );
    });

    it('filters by year, host, kind, status and Viet Nam calendar days, newest first', async () => {
      const year = await w.as.leader.get(`${SESSIONS}?year=2019`).expect(200);
      expect(itemIds(year)).toEqual([ids.early, ids.late, ids.other]);
      const host = await w.as.leader
        .get(`${SESSIONS}?year=2019&hostAdminUnitId=${w.commune.id}`)
        .expect(200);
      expect(itemIds(host)).toEqual([ids.early]);
      const kind = await w.as.leader
        .get(`${SESSIONS}?year=2019&kind=review_conference`)
        .expect(200);
      expect(itemIds(kind)).toEqual([ids.late]);
      const onTheEighth = await w.as.leader
        .get(`${SESSIONS}?from=2019-08-08&to=2019-08-08`)
        .expect(200);
      expect(itemIds(onTheEighth)).toEqual([ids.late]);
      const fromNinth = await w.as.leader.get(`${SESSIONS}?from=2019-08-09&year=2019`).expect(200);
      expect(itemIds(fromNinth)).toEqual([ids.early]);
      const planned = await w.as.leader.get(`${SESSIONS}?year=2019&status=held`).expect(200);
      expect(planned.body.total).toBe(0);
      const sorted = await w.as.leader.get(`${SESSIONS}?year=2019&sort=title`).expect(200);
      expect(itemIds(sorted)).toEqual([ids.early, ids.late, ids.other]);
    });

    it('searches titles without diacritics or case, every word in any order, best match first', async () => {
      const titles = async (q: string) =>
        (
          await w.as.leader.get(`${SESSIONS}?q=${encodeURIComponent(q)}`).expect(200)
        ).body.items.map((s: { title: string }) => s.title);
      expect(await titles('thoi an dong')).toEqual(['Hội nghị tổng kết Thới An Đông']);
      expect(await titles('dong thoi')).toEqual(['Hội nghị tổng kết Thới An Đông']);
      // "co" and "do" are in other titles too ("công", "động"); the phrase comes first.
      const coDo = await titles('CO DO');
      expect(coDo[0]).toBe('Giao ban Cờ Đỏ');
      expect(coDo.length).toBeGreaterThan(1);
      expect(await titles('cờ đỏ giao')).toEqual(['Giao ban Cờ Đỏ']);
    });

    it('shows a district officer only the sessions hosted in their district or its communes', async () => {
      const res = await w.as.district.get(`${SESSIONS}?year=2019`).expect(200);
      expect(itemIds(res).sort()).toEqual([ids.early, ids.late].sort());
    });

    it('refuses undocumented sorts and bad filters, naming each', async () => {
      const res = await w.as.leader
        .get(`${SESSIONS}?sort=venue&year=20203&from=2019-02-30`)
        .expect(400);
      expect(errorFields(res).sort()).toEqual(['from', 'sort', 'year']);
    });
  });

  describe('status actions', () => {
    const act = (as: Caller, id: string, action: string, version: number, body: object = {}) =>
      as.post(`${SESSIONS}/${id}/${action}`, body, version);

    it('planned → held → closed, and planned → cancelled, each audited under its name', async () => {
      const session = await createSession(w.as.staff, w.district.id);
      const held = await act(w.as.staff, session.id, 'hold', 1).expect(200);
      expect(held.body).toMatchObject({ status: 'held', allowedActions: ['close'], version: 2 });
      const closed = await act(w.as.admin, session.id, 'close', 2, { note: 'Xong' }).expect(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        statusNote: 'Xong',
        allowedActions: ['reopen'],
      });

      const other = await createSession(w.as.staff, w.district.id);
      const cancelled = await act(w.as.staff, other.id, 'cancel', 1, { reason: 'Hoãn' }).expect(
        200,
      );
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Hoãn' });

      expect(await auditActions(w.as.admin, 'working_session', session.id)).toEqual([
        'create',
        'hold',
        'close',
      ]);
      expect(await auditActions(w.as.admin, 'working_session', other.id)).toEqual([
        'create',
        'cancel',
      ]);
    });

    it('answers every illegal transition with 409 naming the allowed actions', async () => {
      const planned = await createSession(w.as.staff, w.district.id);
      const held = await createSession(w.as.staff, w.district.id);
      await act(w.as.staff, held.id, 'hold', 1).expect(200);
      const closed = await createSession(w.as.staff, w.district.id);
      await act(w.as.staff, closed.id, 'hold', 1).expect(200);
      await act(w.as.staff, closed.id, 'close', 2).expect(200);
      const cancelled = await createSession(w.as.staff, w.district.id);
      await act(w.as.staff, cancelled.id, 'cancel', 1, { reason: 'Hoãn' }).expect(200);

      const cases: [Created, number, string, string[]][] = [
        [planned, 1, 'close', ['hold', 'cancel']],
        [held, 2, 'hold', ['close']],
        [held, 2, 'cancel', ['close']],
        [closed, 3, 'hold', ['reopen']],
        [closed, 3, 'close', ['reopen']],
        [closed, 3, 'cancel', ['reopen']],
        [cancelled, 2, 'hold', []],
        [cancelled, 2, 'close', []],
        [cancelled, 2, 'cancel', []],
      ];
      for (const [session, version, action, allowed] of cases) {
        const body = action === 'cancel' ? { reason: 'Hoãn' } : {};
        const res = await act(w.as.staff, session.id, action, version, body).expect(409);
        expect(res.body).toMatchObject({
          type: '/problems/illegal-transition',
          allowedActions: allowed,
        });
        expect(res.body.detail).toContain(allowed.length > 0 ? allowed.join(', ') : 'none');
      }
    });

    it('needs a reason to cancel, takes one only there, and checks If-Match when sent', async () => {
      const session = await createSession(w.as.staff, w.district.id);
      const noReason = await act(w.as.staff, session.id, 'cancel', 1).expect(400);
      expect(noReason.body.errors).toEqual([
        { field: 'reason', message: 'is required to cancel a session' },
      ]);
      const wrong = await act(w.as.staff, session.id, 'hold', 1, { reason: 'x' }).expect(400);
      expect(wrong.body.errors).toEqual([{ field: 'reason', message: 'is not taken by hold' }]);
      await act(w.as.staff, session.id, 'hold', 7).expect(412);
      await w.as.staff.post(`${SESSIONS}/${session.id}/hold`, undefined, 1).expect(200);
      // Without If-Match the status machine decides: closing a held session is allowed.
      const closed = await w.as.staff.post(`${SESSIONS}/${session.id}/close`, {}).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
    });

    it('keeps a closed session, its participants and records read-only', async () => {
      const { session, participant, conclusion } = await sessionWithConclusion(w);
      await act(w.as.staff, session.id, 'hold', 1).expect(200);
      await act(w.as.staff, session.id, 'close', 2).expect(200);
      const base = `${SESSIONS}/${session.id}`;
      const patch = await w.as.staff.patch(base, { title: 'Khác' }, 3).expect(409);
      expect(patch.body.detail).toMatch(/closed/);
      await w.as.staff.delete(base, 3).expect(409);
      await w.as.staff
        .post(`${base}/participants`, { organisationId: w.centre.id, role: 'attendee' })
        .expect(409);
      await w.as.staff
        .patch(`${base}/participants/${participant.id}`, { note: 'x' }, 1)
        .expect(409);
      await w.as.staff.delete(`${base}/participants/${participant.id}`, 1).expect(409);
      await w.as.staff.post(`${base}/records`, { type: 'opinion', text: 'x' }).expect(409);
      await w.as.staff.patch(`${base}/records/${conclusion.id}`, { text: 'x' }, 1).expect(409);
      await w.as.staff.delete(`${base}/records/${conclusion.id}`, 1).expect(409);
      await w.as.staff
        .post(`${base}/records/reorder`, { recordIds: [conclusion.id] }, 3)
        .expect(409);
      await w.as.leader.get(base).expect(200);
    });
  });

  it('deletes softly and restores a session', async () => {
    const session = await createSession(w.as.staff, w.district.id, { title: 'Phiên sẽ xóa' });
    const path = `${SESSIONS}/${session.id}`;
    await w.as.staff.delete(path).expect(428);
    const deleted = await w.as.staff.delete(path, 1).expect(200);
    expect(deleted.body.deletedAt).not.toBeNull();
    await w.as.staff.get(path).expect(404);
    await w.as.staff.get(`${path}/participants`).expect(404);
    const bin = await w.as.staff.get(`${SESSIONS}?deleted=true&q=phien%20se%20xoa`).expect(200);
    expect(bin.body.total).toBe(1);
    const restored = await w.as.staff
      .post(`${path}/restore`, undefined, versionOf(deleted))
      .expect(200);
    expect(restored.body.deletedAt).toBeNull();
    await w.as.staff.get(path).expect(200);
    expect(await auditActions(w.as.admin, 'working_session', session.id)).toEqual([
      'create',
      'delete',
      'restore',
    ]);
  });

  describe('participants', () => {
    it('adds people and organisations with roles, one delegation head, each party once', async () => {
      const session = await createSession(w.as.staff, w.district.id);
      const base = `${SESSIONS}/${session.id}/participants`;
      const head = await created(
        w.as.staff.post(base, { personId: w.departmentPerson.id, role: 'delegation_head' }),
      );
      expect(head.body).toMatchObject({
        name: 'Trần Hoài Phương',
        position: 'Phó Giám đốc Sở',
        personId: w.departmentPerson.id,
        organisationId: null,
      });
      const office = await created(
        w.as.staff.post(base, { organisationId: w.districtOffice.id, role: 'host_member' }),
      );
      expect(office.body.name).toBe('Phòng Kinh tế quận Bình Thủy');

      const both = await w.as.staff
        .post(base, {
          personId: w.districtPerson.id,
          organisationId: w.centre.id,
          role: 'attendee',
        })
        .expect(400);
      expect(errorFields(both)).toEqual(['personId', 'organisationId']);
      await w.as.staff.post(base, { role: 'attendee' }).expect(400);
      const unknown = await w.as.staff
        .post(base, { personId: '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11', role: 'attendee' })
        .expect(400);
      expect(unknown.body.errors).toEqual([
        { field: 'personId', message: 'no person has this id' },
      ]);

      const secondHead = await w.as.staff
        .post(base, { personId: w.districtPerson.id, role: 'delegation_head' })
        .expect(409);
      expect(secondHead.body.detail).toMatch(/delegation head/);
      const samePerson = await w.as.staff
        .post(base, { personId: w.departmentPerson.id, role: 'attendee' })
        .expect(409);
      expect(samePerson.body.detail).toMatch(/person already takes part/);
      const sameOrg = await w.as.staff
        .post(base, { organisationId: w.districtOffice.id, role: 'attendee' })
        .expect(409);
      expect(sameOrg.body.detail).toMatch(/organisation already takes part/);

      // Handing over the head role: demote, then promote another.
      await w.as.staff.patch(`${base}/${head.id}`, { role: 'delegation_member' }, 1).expect(200);
      const chair = await created(
        w.as.staff.post(base, { personId: w.districtPerson.id, role: 'delegation_head' }),
      );
      await w.as.staff.patch(`${base}/${head.id}`, { role: 'delegation_head' }, 2).expect(409);
      await w.as.staff.patch(`${base}/${head.id}`, { role: null }, 2).expect(400);

      const list = await w.as.district.get(`${base}?pageSize=10`).expect(200);
      expect(itemIds(list)).toEqual([head.id, office.id, chair.id]);
      const byRole = await w.as.district.get(`${base}?role=delegation_head`).expect(200);
      expect(itemsOf<{ name: string }>(byRole).map((p) => p.name)).toEqual(['Nguyễn Văn Khánh']);
      const search = await w.as.district.get(`${base}?q=phong%20kinh%20te`).expect(200);
      expect(itemIds(search)).toEqual([office.id]);
      const one = await w.as.district.get(`${base}/${office.id}`).expect(200);
      expect(one.headers.etag).toBe('"1"');
    });

    it('removes a participant (who may then come back), unless records are attributed to them', async () => {
      const { session, participant } = await sessionWithConclusion(w);
      const base = `${SESSIONS}/${session.id}/participants`;
      const attributed = await w.as.staff.delete(`${base}/${participant.id}`, 1).expect(409);
      expect(attributed.body.detail).toMatch(/attributed/);
      const office = await created(
        w.as.staff.post(base, { organisationId: w.districtOffice.id, role: 'host_member' }),
      );
      await w.as.staff.delete(`${base}/${office.id}`).expect(428);
      await w.as.staff.delete(`${base}/${office.id}`, 1).expect(200);
      await w.as.staff.get(`${base}/${office.id}`).expect(404);
      await created(
        w.as.staff.post(base, { organisationId: w.districtOffice.id, role: 'attendee' }),
      );
      expect(await auditActions(w.as.admin, 'session_participant', office.id)).toEqual([
        'create',
        'delete',
      ]);
    });

    it('finds a participant only under its own session', async () => {
      const a = await sessionWithConclusion(w);
      const b = await createSession(w.as.staff, w.district.id);
      const read = await w.as.staff
        .get(`${SESSIONS}/${b.id}/participants/${a.participant.id}`)
        .expect(404);
      expect(read.body.detail).toBe(`Participant ${a.participant.id} not found`);
      await w.as.staff
        .patch(`${SESSIONS}/${b.id}/participants/${a.participant.id}`, { note: 'x' }, 1)
        .expect(404);
    });
  });

  describe('opinions and conclusions', () => {
    it('keeps records in order: appends, inserts at a place, reorders, and closes gaps', async () => {
      const { session, participant, conclusion } = await sessionWithConclusion(w);
      const base = `${SESSIONS}/${session.id}/records`;
      const second = await created(w.as.staff.post(base, { type: 'opinion', text: 'Ý kiến hai' }));
      expect(second.body.order).toBe(2);
      const first = await created(
        w.as.staff.post(base, { type: 'opinion', text: 'Ý kiến đầu', order: 1 }),
      );
      const order = async () =>
        (
          (await w.as.leader.get(base).expect(200)).body.items as { id: string; order: number }[]
        ).map((r) => [r.id, r.order]);
      expect(await order()).toEqual([
        [first.id, 1],
        [conclusion.id, 2],
        [second.id, 3],
      ]);
      const moved = await w.as.staff.get(`${base}/${conclusion.id}`).expect(200);
      expect(moved.body.version).toBe(2);

      const tooFar = await w.as.staff
        .post(base, { type: 'opinion', text: 'x', order: 5 })
        .expect(400);
      expect(tooFar.body.errors[0]).toMatchObject({ field: 'order' });

      // The records the insert moved down have their moves in the audit trail.
      expect(await auditActions(w.as.admin, 'session_record', conclusion.id)).toEqual([
        'create',
        'reorder',
      ]);

      const reordered = await w.as.staff
        .post(`${base}/reorder`, { recordIds: [second.id, conclusion.id, first.id] }, 1)
        .expect(200);
      expect(itemIds(reordered)).toEqual([second.id, conclusion.id, first.id]);
      // The session's new version comes back, to send with the next reorder.
      expect(reordered.body.version).toBe(2);
      expect(versionOf(reordered)).toBe(2);
      expect(await auditActions(w.as.admin, 'session_record', first.id)).toEqual([
        'create',
        'reorder',
      ]);
      // The conclusion stayed in place this time: no new version, no new audit event.
      expect(await auditActions(w.as.admin, 'session_record', conclusion.id)).toEqual([
        'create',
        'reorder',
      ]);
      expect(await auditActions(w.as.admin, 'working_session', session.id)).toEqual([
        'create',
        'reorder_records',
      ]);

      const missing = await w.as.staff
        .post(`${base}/reorder`, { recordIds: [second.id, first.id] }, 2)
        .expect(409);
      expect(missing.body.detail).toContain(conclusion.id);
      const other = await sessionWithConclusion(w);
      const foreign = await w.as.staff
        .post(
          `${base}/reorder`,
          { recordIds: [second.id, conclusion.id, first.id, other.conclusion.id] },
          2,
        )
        .expect(400);
      expect(foreign.body.errors[0].field).toBe('recordIds');
      await w.as.staff
        .post(`${base}/reorder`, { recordIds: [second.id, second.id, first.id] }, 2)
        .expect(400);

      const firstNow = await w.as.staff.get(`${base}/${second.id}`).expect(200);
      await w.as.staff.delete(`${base}/${second.id}`, versionOf(firstNow)).expect(200);
      expect(await order()).toEqual([
        [conclusion.id, 1],
        [first.id, 2],
      ]);
      const conclusions = await w.as.leader.get(`${base}?type=conclusion`).expect(200);
      expect(itemsOf<{ participantId: string }>(conclusions).map((r) => r.participantId)).toEqual([
        participant.id,
      ]);
    });

    it('attributes a record only to a participant of the same session', async () => {
      const a = await sessionWithConclusion(w);
      const b = await createSession(w.as.staff, w.district.id);
      const res = await w.as.staff
        .post(`${SESSIONS}/${b.id}/records`, {
          type: 'opinion',
          text: 'x',
          participantId: a.participant.id,
        })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'participantId', message: 'is not a participant of this session' },
      ]);
    });

    it('keeps a conclusion that tasks come from: no delete, no retyping', async () => {
      const { session, conclusion } = await sessionWithConclusion(w);
      await createTask(w.as.staff, w.centre.id, { sourceRecordId: conclusion.id });
      const base = `${SESSIONS}/${session.id}/records/${conclusion.id}`;
      const del = await w.as.staff.delete(base, 1).expect(409);
      expect(del.body.detail).toMatch(/1 task/);
      await w.as.staff.patch(base, { type: 'opinion' }, 1).expect(409);
      const text = await w.as.staff
        .patch(base, { text: 'Giao Trung tâm viết đề xuất' }, 1)
        .expect(200);
      expect(await auditActions(w.as.admin, 'session_record', conclusion.id)).toEqual([
        'create',
        'update',
      ]);
      expect(text.body.version).toBe(2);
    });
  });

  it('shows a session with many participants, records and tasks in as many queries as a small one', async () => {
    const orgs = t.app.get(OrganisationsService);
    const big = await sessionWithConclusion(w);
    const base = `${SESSIONS}/${big.session.id}`;
    for (let i = 0; i < 25; i++) {
      const org = await orgs.create(SYSTEM_ACTOR, {
        name: `Doanh nghiệp mẫu ${i}`,
        kind: 'enterprise',
      });
      await created(
        w.as.staff.post(`${base}/participants`, {
          organisationId: org.id,
          role: 'enterprise_representative',
        }),
      );
      await created(w.as.staff.post(`${base}/records`, { type: 'opinion', text: `Ý kiến ${i}` }));
    }
    for (let i = 0; i < 5; i++) {
      await createTask(w.as.staff, w.centre.id, {
        sourceRecordId: big.conclusion.id,
        title: `Việc ${i}`,
      });
    }
    const small = await sessionWithConclusion(w);
    await createTask(w.as.staff, w.centre.id, { sourceRecordId: small.conclusion.id });

    let view: { participants: unknown[]; records: unknown[]; tasks: unknown[] } | undefined;
    const bigQueries = await countQueries(t.dataSource, async () => {
      view = (await w.as.district.get(base).expect(200)).body;
    });
    const smallQueries = await countQueries(t.dataSource, () =>
      w.as.district.get(`${SESSIONS}/${small.session.id}`).expect(200),
    );
    expect(view!.participants).toHaveLength(26);
    expect(view!.records).toHaveLength(26);
    expect(view!.tasks).toHaveLength(5);
    expect(bigQueries).toBe(smallQueries);
    // The session, then one query per collection and one per kind of name: the host unit,
    // participants (with their names), records and their speakers, tasks and their lead units.
    expect(bigQueries).toBe(7);
  });

  describe('access', () => {
    type Expect = number | 'ok';
    const CALLERS: CallerName[] = ['admin', 'staff', 'centre', 'district', 'leader'];
    const WRITERS = new Set<CallerName>(['admin', 'staff']);

    /**
     * A fresh session in `host` with a participant, a conclusion attributed to them, and a spare
     * participant nothing refers to, for one write.
     */
    const fixture = async (host: string) => {
      const f = await sessionWithConclusion(w, { hostAdminUnitId: host });
      const spare = await created(
        w.as.staff.post(`${SESSIONS}/${f.session.id}/participants`, {
          organisationId: w.districtOffice.id,
          role: 'host_member',
        }),
      );
      return { ...f, spare };
    };

    type Route = (as: Caller, f: Awaited<ReturnType<typeof fixture>>) => ReturnType<Caller['get']>;
    const reads: [string, Route][] = [
      ['list sessions', (as) => as.get(SESSIONS)],
      ['get a session', (as, f) => as.get(`${SESSIONS}/${f.session.id}`)],
      ['list participants', (as, f) => as.get(`${SESSIONS}/${f.session.id}/participants`)],
      [
        'get a participant',
        (as, f) => as.get(`${SESSIONS}/${f.session.id}/participants/${f.participant.id}`),
      ],
      ['list records', (as, f) => as.get(`${SESSIONS}/${f.session.id}/records`)],
      ['get a record', (as, f) => as.get(`${SESSIONS}/${f.session.id}/records/${f.conclusion.id}`)],
    ];
    const writes: [string, Route][] = [
      ['create a session', (as) => as.post(SESSIONS, sessionBody(w.district.id))],
      ['update a session', (as, f) => as.patch(`${SESSIONS}/${f.session.id}`, { venue: 'x' }, 1)],
      ['delete a session', (as, f) => as.delete(`${SESSIONS}/${f.session.id}`, 1)],
      ['hold a session', (as, f) => as.post(`${SESSIONS}/${f.session.id}/hold`, {}, 1)],
      [
        'cancel a session',
        (as, f) => as.post(`${SESSIONS}/${f.session.id}/cancel`, { reason: 'x' }, 1),
      ],
      [
        'add a participant',
        (as, f) =>
          as.post(`${SESSIONS}/${f.session.id}/participants`, {
            organisationId: w.centre.id,
            role: 'attendee',
          }),
      ],
      [
        'update a participant',
        (as, f) =>
          as.patch(
            `${SESSIONS}/${f.session.id}/participants/${f.participant.id}`,
            { note: 'x' },
            1,
          ),
      ],
      [
        'remove a participant',
        (as, f) => as.delete(`${SESSIONS}/${f.session.id}/participants/${f.spare.id}`, 1),
      ],
      [
        'add a record',
        (as, f) => as.post(`${SESSIONS}/${f.session.id}/records`, { type: 'opinion', text: 'x' }),
      ],
      [
        'update a record',
        (as, f) =>
          as.patch(`${SESSIONS}/${f.session.id}/records/${f.conclusion.id}`, { text: 'y' }, 1),
      ],
      [
        'reorder records',
        (as, f) =>
          as.post(
            `${SESSIONS}/${f.session.id}/records/reorder`,
            { recordIds: [f.conclusion.id] },
            1,
          ),
      ],
    ];

    const expected = (caller: CallerName, write: boolean, inOtherDistrict: boolean): Expect => {
      if (write) return WRITERS.has(caller) ? 'ok' : 403;
      return caller === 'district' && inOtherDistrict ? 404 : 'ok';
    };

    it.each([false, true])(
      'answers every role on every route (session in the other district: %s)',
      async (inOtherDistrict) => {
        const host = inOtherDistrict ? w.otherDistrict.id : w.district.id;
        const shared = await fixture(host);
        const failures: string[] = [];
        for (const [name, route] of [...reads, ...writes]) {
          const write = writes.some(([n]) => n === name);
          for (const caller of CALLERS) {
            // Permitted writes change the record, so each gets a fixture of its own.
            const f = write && WRITERS.has(caller) ? await fixture(host) : shared;
            const res = await route(w.as[caller], f);
            const want = expected(caller, write, inOtherDistrict && name !== 'list sessions');
            const ok = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
            if (!ok) failures.push(`${caller} ${name}: ${res.status} (wanted ${want})`);
          }
          const anonymous = await route(w.anonymous, shared);
          if (anonymous.status !== 401) failures.push(`anonymous ${name}: ${anonymous.status}`);
        }
        expect(failures).toEqual([]);
      },
    );

    it('restores, closes and deletes records for the Department only', async () => {
      const statuses: string[] = [];
      for (const caller of CALLERS) {
        const f = await fixture(w.district.id);
        await w.as.staff.delete(`${SESSIONS}/${f.session.id}`, 1).expect(200);
        const restore = await w.as[caller].post(
          `${SESSIONS}/${f.session.id}/restore`,
          undefined,
          2,
        );
        const g = await fixture(w.district.id);
        await w.as.staff.post(`${SESSIONS}/${g.session.id}/hold`, {}, 1).expect(200);
        const close = await w.as[caller].post(`${SESSIONS}/${g.session.id}/close`, {}, 2);
        const r = await fixture(w.district.id);
        const remove = await w.as[caller].delete(
          `${SESSIONS}/${r.session.id}/records/${r.conclusion.id}`,
          1,
        );
        statuses.push(`${caller}: ${restore.status} ${close.status} ${remove.status}`);
      }
      expect(statuses).toEqual([
        'admin: 200 200 200',
        'staff: 200 200 200',
        'centre: 403 403 403',
        'district: 403 403 403',
        'leader: 403 403 403',
      ]);
    });

    it('hides the other district’s session from a district officer by id, as if it did not exist', async () => {
      const f = await fixture(w.otherDistrict.id);
      const res = await w.as.district.get(`${SESSIONS}/${f.session.id}`).expect(404);
      expect(res.body.type).toBe('/problems/not-found');
      const list = await w.as.district.get(SESSIONS).expect(200);
      expect(itemIds(list)).not.toContain(f.session.id);
    });
  });
});
