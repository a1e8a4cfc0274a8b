import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@app/platform';
import {
  type CreateProjectDto,
  ParticipantsService,
  ProgrammeDto,
  ProgrammesService,
  ProjectDto,
  ProjectsService,
} from '@app/projects';
import { AdminUnitsService } from '@app/registry';
import { DEMO_SESSION_DATE, DemoTally, firstMatch, ONE_PAGE } from './demo';
import type { RegistryDemo } from './registry.demo';

/** The 2023 IP programme; the IP registrations' seeder finds or makes it by the same code. */
export const DEMO_IP_PROGRAMME_CODE = 'SHTT-2023';
const IP_PROGRAMME_NAME = 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023';

export const DEMO_BITTER_MELON_TITLE =
  'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy';
export const DEMO_CON_SON_TITLE =
  'Xây dựng, khai thác và phát triển thương hiệu du lịch cộng đồng Cồn Sơn';

/** Sample households per ward: the article names none, so these are marked as sample data. */
const HOUSEHOLDS_PER_WARD = 2;

/**
 * The article's two projects, made through the projects module's services: the Cồn Sơn brand
 * project in the 2023 IP programme with the S&T Information Centre as partner, and the
 * bitter-melon model in quận Bình Thủy with a few sample households per ward ("Hộ mẫu 1 (dữ liệu
 * mẫu)"), proposed, for the wards to select. The article gives no dates, budgets, decisions,
 * lead organisations or households: those stay empty or are marked as sample data. Each record
 * is looked up before it is created, so a second run creates nothing.
 */
@Injectable()
export class ProjectsDemoSeeder {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly programmes: ProgrammesService,
    private readonly projects: ProjectsService,
    private readonly participants: ParticipantsService,
  ) {}

  async seed(tally: DemoTally, registry: RegistryDemo): Promise<void> {
    const binhThuy = registry.units.binhThuy.id;
    const programme = await this.ipProgramme(tally, registry);
    await this.project(tally, {
      kind: 'ip_development',
      title: DEMO_CON_SON_TITLE,
      description:
        'Quận Bình Thủy phối hợp với Trung tâm Thông tin Khoa học và Công nghệ TP. Cần Thơ triển ' +
        'khai dự án, thuộc Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023.',
      programmeId: programme.id,
      partnerOrganisationIds: [registry.informationCentre.id],
      adminUnitIds: [binhThuy],
    });
    const melon = await this.project(tally, {
      kind: 'agricultural_model',
      title: DEMO_BITTER_MELON_TITLE,
      description:
        'Quận phối hợp UBND các phường rà soát, chọn hộ trồng khổ qua tham gia dự án, góp phần ' +
        'phát triển kinh tế của địa phương. Các hộ tham gia trong dữ liệu này là hộ mẫu.',
      adminUnitIds: [binhThuy],
    });
    await this.sampleHouseholds(tally, melon, binhThuy);
  }

  private async ipProgramme(tally: DemoTally, registry: RegistryDemo): Promise<ProgrammeDto> {
    const page = await this.programmes.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      q: DEMO_IP_PROGRAMME_CODE,
    });
    const found = firstMatch(page, (p) => p.code === DEMO_IP_PROGRAMME_CODE);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.programmes.create(SYSTEM_ACTOR, {
      code: DEMO_IP_PROGRAMME_CODE,
      name: IP_PROGRAMME_NAME,
      ownerOrganisationId: registry.department.id,
      startYear: 2023,
      endYear: 2023,
    });
  }

  private async project(tally: DemoTally, body: CreateProjectDto): Promise<ProjectDto> {
    const page = await this.projects.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      kind: body.kind,
      q: body.title,
    });
    const found = firstMatch(page, (p) => p.title === body.title);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.projects.create(SYSTEM_ACTOR, body);
  }

  /** "Hộ mẫu n (dữ liệu mẫu)", a few per ward of the district in 2023, those missing in one bulk add. */
  private async sampleHouseholds(
    tally: DemoTally,
    project: ProjectDto,
    districtId: string,
  ): Promise<void> {
    const wards = await this.units.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      parentId: districtId,
      validOn: DEMO_SESSION_DATE,
    });
    const rows = wards.items
      .sort((a, b) => a.code.localeCompare(b.code))
      .flatMap((ward, w) =>
        Array.from({ length: HOUSEHOLDS_PER_WARD }, (_, i) => ({
          name: `Hộ mẫu ${w * HOUSEHOLDS_PER_WARD + i + 1} (dữ liệu mẫu)`,
          adminUnitId: ward.id,
        })),
      );
    const existing = await this.participants.list(SYSTEM_ACTOR, project.id, ONE_PAGE);
    const missing = rows.filter(
      (row) =>
        !existing.items.some((p) => p.name === row.name && p.adminUnitId === row.adminUnitId),
    );
    tally.existing += rows.length - missing.length;
    if (missing.length === 0) return;
    await this.participants.bulkAdd(SYSTEM_ACTOR, project.id, {
      items: missing.map((row) => ({ ...row, kind: 'household' })),
    });
    tally.created += missing.length;
  }
}
