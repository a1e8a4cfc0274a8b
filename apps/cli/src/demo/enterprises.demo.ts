import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, type Target } from '@app/platform';
import {
  EnterpriseDto,
  EnterprisesService,
  type LegalForm,
  StCertificatesService,
  SupportNeedsService,
} from '@app/enterprises';
import type { WorkingSessionDto } from '@app/sessions';
import { TasksService } from '@app/tasks';
import { DEMO_SESSION_DATE, DemoTally, firstMatch, ONE_PAGE } from './demo';
import type { RegistryDemo } from './registry.demo';
import { DEMO_CONTACT_TASK_TITLE } from './sessions.demo';

/** A change the demo makes as the system, to a record it has just read (no If-Match). */
const system = (id: string): Target => ({ actor: SYSTEM_ACTOR, id, ifMatch: undefined });

/** The article's two certified S&T enterprises of quận Bình Thủy, in its order. */
const ENTERPRISES: { name: string; legalForm: LegalForm; certificateNumber: string }[] = [
  {
    name: 'Công ty TNHH sản xuất nhập khẩu Moringa Cần Thơ',
    legalForm: 'llc',
    certificateNumber: 'MẪU-01 (số mẫu)',
  },
  {
    name: 'Công ty Cổ phần Dược thảo Fungi',
    legalForm: 'joint_stock',
    certificateNumber: 'MẪU-02 (số mẫu)',
  },
];

const NEED_TO_CONFIRM =
  'Nhu cầu hỗ trợ cần xác nhận trực tiếp với doanh nghiệp, theo kết luận buổi làm việc ngày ' +
  '08/08/2023 giữa Sở KH&CN và UBND quận Bình Thủy (bài viết không nêu cụ thể nhu cầu).';

/**
 * The enterprises of the article: the two certified S&T enterprises of quận Bình Thủy, each with a
 * certificate (its number a marked sample value, its issue date the session's: the article
 * attests they were certified by then and gives neither), and a support need "to be confirmed",
 * which is what the session concluded. The session's task to contact them keeps its one subject,
 * the first enterprise. Tax codes, addresses and sectors are left empty: the article gives none.
 * Each record is looked up before it is created, so a second run creates nothing.
 */
@Injectable()
export class EnterprisesDemoSeeder {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly certificates: StCertificatesService,
    private readonly needs: SupportNeedsService,
    private readonly tasks: TasksService,
  ) {}

  async seed(
    tally: DemoTally,
    registry: RegistryDemo,
    session: WorkingSessionDto,
  ): Promise<EnterpriseDto[]> {
    const seeded: EnterpriseDto[] = [];
    for (const fields of ENTERPRISES) {
      const enterprise = await this.enterprise(tally, registry, fields);
      await this.certificate(tally, registry, enterprise.id, fields.certificateNumber);
      await this.needToConfirm(tally, enterprise.id);
      seeded.push(enterprise);
    }
    await this.linkContactTask(tally, session, seeded[0]);
    return seeded;
  }

  private async enterprise(
    tally: DemoTally,
    registry: RegistryDemo,
    fields: { name: string; legalForm: LegalForm },
  ): Promise<EnterpriseDto> {
    const adminUnitId = registry.units.binhThuy.id;
    const page = await this.enterprises.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      q: fields.name,
      adminUnitId,
    });
    const found = firstMatch(page, (e) => e.name === fields.name);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.enterprises.create(SYSTEM_ACTOR, {
      name: fields.name,
      legalForm: fields.legalForm,
      adminUnitId,
      taxCode: null,
    });
  }

  private async certificate(
    tally: DemoTally,
    registry: RegistryDemo,
    enterpriseId: string,
    certificateNumber: string,
  ): Promise<void> {
    const page = await this.certificates.list(SYSTEM_ACTOR, enterpriseId, ONE_PAGE);
    if (firstMatch(page, (c) => c.certificateNumber === certificateNumber)) {
      tally.existing++;
      return;
    }
    tally.created++;
    await this.certificates.create(SYSTEM_ACTOR, enterpriseId, {
      certificateNumber,
      issuedOn: DEMO_SESSION_DATE,
      issuerOrganisationId: registry.department.id,
      stResult: null,
    });
  }

  private async needToConfirm(tally: DemoTally, enterpriseId: string): Promise<void> {
    const page = await this.needs.list(SYSTEM_ACTOR, enterpriseId, ONE_PAGE);
    if (firstMatch(page, (n) => n.description === NEED_TO_CONFIRM)) {
      tally.existing++;
      return;
    }
    tally.created++;
    await this.needs.create(SYSTEM_ACTOR, enterpriseId, {
      category: 'other',
      description: NEED_TO_CONFIRM,
      reportedOn: DEMO_SESSION_DATE,
    });
  }

  /** The session's task to contact the enterprises names the first as its subject. */
  private async linkContactTask(
    tally: DemoTally,
    session: WorkingSessionDto,
    enterprise: EnterpriseDto,
  ): Promise<void> {
    const tasks = await this.tasks.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      sourceSessionId: session.id,
    });
    const task = firstMatch(tasks, (t) => t.title === DEMO_CONTACT_TASK_TITLE);
    if (!task) throw new Error(`The demo task “${DEMO_CONTACT_TASK_TITLE}” is missing`);
    if (task.subjectType !== null) {
      tally.existing++;
      return;
    }
    tally.created++;
    await this.tasks.update(system(task.id), {
      subjectType: 'enterprise',
      subjectId: enterprise.id,
    });
  }
}
