import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, type Target } from '@app/platform';
import {
  type ParticipantRole,
  SessionParticipantDto,
  SessionParticipantsService,
  SessionRecordDto,
  SessionRecordsService,
  type SessionRecordType,
  WorkingSessionDto,
  WorkingSessionsService,
} from '@app/sessions';
import { TasksService } from '@app/tasks';
import { DEMO_SESSION_DATE, DemoTally, firstMatch, ONE_PAGE } from './demo';
import type { RegistryDemo } from './registry.demo';

/** A change the demo makes as the system, to a record it has just read (no If-Match). */
const system = (id: string): Target => ({ actor: SYSTEM_ACTOR, id, ifMatch: undefined });

/** The article's session began in the afternoon; 14:00 is the demo's choice. */
export const DEMO_SESSION_STARTS_AT = `${DEMO_SESSION_DATE}T14:00:00+07:00`;

export const DEMO_SESSION_TITLE =
  'Làm việc với UBND quận Bình Thủy về triển khai các hoạt động khoa học và công nghệ trên địa bàn quận năm 2023';

const SUMMARY =
  'Quận Bình Thủy báo cáo tình hình hoạt động khoa học và công nghệ năm 2023 trên địa bàn quận: ' +
  'hỗ trợ đăng ký quyền sở hữu trí tuệ cho 06 nhãn hiệu (Nấm bào ngư phường Thới An Đông, Vú sữa ' +
  'Thới An Đông, Sữa bò Long Hòa, Bánh tét lá cẩm, Làng nghề hoa kiểng Phó Thọ - Bà Bộ, Rau an ' +
  'toàn Long Tuyền); phối hợp với Trung tâm Thông tin Khoa học và Công nghệ triển khai dự án ' +
  '“Xây dựng, khai thác và phát triển thương hiệu du lịch cộng đồng Cồn Sơn” thuộc Chương trình ' +
  'phát triển tài sản trí tuệ TP. Cần Thơ năm 2023; 02 doanh nghiệp được cấp chứng nhận doanh ' +
  'nghiệp khoa học và công nghệ; phối hợp UBND các phường chọn hộ trồng khổ qua tham gia dự án ' +
  '“Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy”.';

/** The task of the first conclusion; the enterprises' demo makes the first enterprise its subject. */
export const DEMO_CONTACT_TASK_TITLE =
  'Liên hệ 02 doanh nghiệp khoa học và công nghệ của quận để xác nhận nhu cầu hỗ trợ';

const CONTACT_ENTERPRISES =
  'Các phòng chức năng và các đơn vị trực thuộc Sở liên hệ trực tiếp với 02 doanh nghiệp (Công ty ' +
  'TNHH sản xuất nhập khẩu Moringa Cần Thơ và Công ty Cổ phần Dược thảo Fungi) để xác nhận nhu cầu ' +
  'mà doanh nghiệp cần hỗ trợ.';
const QUALITY_SUPPORT =
  'Hỗ trợ thông tin về chất lượng sản phẩm hàng hóa, nâng cao hiệu quả, hiệu lực hoạt động xây ' +
  'dựng và áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn Việt Nam ISO, TCVN đối với sản ' +
  'phẩm, hàng hóa.';
const WATER_PROPOSAL =
  'Đối với dự án xử lý nước ở Cồn Sơn, giao Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ viết ' +
  'dự án đề xuất.';

/**
 * The article's working session: the Department's delegation at quận Bình Thủy on 8 August 2023,
 * its participants, the opinions and conclusions, and the three tasks the conclusions gave, made
 * through the sessions' and tasks' own services. Each record is looked up before it is created,
 * so a second run creates nothing. Due dates are demo values: the article gives none.
 */
@Injectable()
export class SessionsDemoSeeder {
  constructor(
    private readonly sessions: WorkingSessionsService,
    private readonly participants: SessionParticipantsService,
    private readonly records: SessionRecordsService,
    private readonly tasks: TasksService,
  ) {}

  async seed(tally: DemoTally, registry: RegistryDemo): Promise<WorkingSessionDto> {
    let session = await this.session(tally, registry);
    const [participants, records] = await Promise.all([
      this.participants.list(SYSTEM_ACTOR, session.id, ONE_PAGE),
      this.records.list(SYSTEM_ACTOR, session.id, ONE_PAGE),
    ]);

    const participant = (
      role: ParticipantRole,
      party: { personId: string } | { organisationId: string },
    ) => this.participant(tally, session.id, participants.items, role, party);
    const head = await participant('delegation_head', { personId: registry.deputyDirector.id });
    await participant('host_chair', { personId: registry.districtViceChair.id });
    for (const unit of [
      registry.technologyOffice,
      registry.scienceOffice,
      registry.standardsOffice,
      registry.informationCentre,
      registry.applicationCentre,
    ]) {
      await participant('delegation_member', { organisationId: unit.id });
    }
    await participant('host_member', { organisationId: registry.economicOffice.id });

    const record = (type: SessionRecordType, text: string, participantId: string | null) =>
      this.record(tally, session.id, records.items, type, text, participantId);
    await record(
      'opinion',
      'Các đại biểu tập trung đóng góp ý kiến về hoạt động khoa học công nghệ; hoạt động nghiên cứu ' +
        'khoa học, phát triển công nghệ và ứng dụng các tiến bộ khoa học và công nghệ; Chương trình ' +
        'sở hữu trí tuệ; Chương trình đổi mới công nghệ.',
      null,
    );
    await record(
      'opinion',
      'Đánh giá cao hoạt động tham mưu về lĩnh vực khoa học và công nghệ của quận Bình Thủy.',
      head.id,
    );
    const contact = await record('conclusion', CONTACT_ENTERPRISES, head.id);
    const quality = await record('conclusion', QUALITY_SUPPORT, head.id);
    const water = await record('conclusion', WATER_PROPOSAL, head.id);

    if (session.status === 'planned') {
      session = await this.sessions.act(system(session.id), 'hold', {});
    }

    const existingTasks = await this.tasks.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      sourceSessionId: session.id,
    });
    const task = async (fields: {
      title: string;
      description: string;
      leadOrganisationId: string;
      coOrganisationIds: string[];
      dueDate: string;
      sourceRecordId: string;
    }) => {
      if (firstMatch(existingTasks, (t) => t.title === fields.title)) {
        tally.existing++;
        return;
      }
      await this.tasks.create(SYSTEM_ACTOR, {
        ...fields,
        sourceSessionId: session.id,
        assignedByPersonId: registry.deputyDirector.id,
        priority: 'normal',
      });
      tally.created++;
    };
    await task({
      title: DEMO_CONTACT_TASK_TITLE,
      description: CONTACT_ENTERPRISES,
      leadOrganisationId: registry.technologyOffice.id,
      coOrganisationIds: [registry.informationCentre.id, registry.applicationCentre.id],
      dueDate: '2023-09-30',
      sourceRecordId: contact.id,
    });
    await task({
      title:
        'Hỗ trợ thông tin chất lượng sản phẩm, hàng hóa và áp dụng hệ thống quản lý chất lượng theo ISO, TCVN',
      description: QUALITY_SUPPORT,
      leadOrganisationId: registry.standardsOffice.id,
      coOrganisationIds: [],
      dueDate: '2023-12-31',
      sourceRecordId: quality.id,
    });
    await task({
      title: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn',
      description: WATER_PROPOSAL,
      leadOrganisationId: registry.applicationCentre.id,
      coOrganisationIds: [],
      dueDate: '2023-10-31',
      sourceRecordId: water.id,
    });

    // The minutes are final once everything above is recorded.
    if (session.status === 'held') {
      session = await this.sessions.act(system(session.id), 'close', {
        note: 'Biên bản buổi làm việc (dữ liệu mẫu)',
      });
    }
    return session;
  }

  private async session(tally: DemoTally, registry: RegistryDemo): Promise<WorkingSessionDto> {
    const page = await this.sessions.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      hostAdminUnitId: registry.units.binhThuy.id,
      from: DEMO_SESSION_DATE,
      to: DEMO_SESSION_DATE,
    });
    const found = firstMatch(page, (s) => s.title === DEMO_SESSION_TITLE);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.sessions.create(SYSTEM_ACTOR, {
      kind: 'working_visit',
      title: DEMO_SESSION_TITLE,
      startsAt: DEMO_SESSION_STARTS_AT,
      venue: 'Hội trường Quận ủy Bình Thủy',
      hostAdminUnitId: registry.units.binhThuy.id,
      reportingYear: 2023,
      periodLabel: null,
      topics: [
        'intellectual_property',
        'st_enterprises',
        'agriculture_technology',
        'research_development',
        'ip_programme',
        'technology_innovation_programme',
      ],
      summary: SUMMARY,
    });
  }

  private async participant(
    tally: DemoTally,
    sessionId: string,
    existing: SessionParticipantDto[],
    role: ParticipantRole,
    party: { personId: string } | { organisationId: string },
  ): Promise<SessionParticipantDto> {
    const found = existing.find((p) =>
      'personId' in party
        ? p.personId === party.personId
        : p.organisationId === party.organisationId,
    );
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.participants.create(SYSTEM_ACTOR, sessionId, { role, ...party });
  }

  private async record(
    tally: DemoTally,
    sessionId: string,
    existing: SessionRecordDto[],
    type: SessionRecordType,
    text: string,
    participantId: string | null,
  ): Promise<SessionRecordDto> {
    const found = existing.find((r) => r.type === type && r.text === text);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.records.create(SYSTEM_ACTOR, sessionId, { type, text, participantId });
  }
}
