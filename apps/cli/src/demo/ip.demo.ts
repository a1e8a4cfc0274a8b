import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@app/platform';
import { IpRegistrationDto, IpRegistrationsService } from '@app/ip';
import { ProgrammeDto, ProgrammesService } from '@app/projects';
import { AdminUnitsService } from '@app/registry';
import { DEMO_SESSION_DATE, DemoTally, firstMatch, ONE_PAGE } from './demo';
import type { RegistryDemo } from './registry.demo';

/** The code the other parts of the demo (the Cồn Sơn brand project) find the programme by. */
export const DEMO_IP_PROGRAMME_CODE = 'SHTT-2023';

const PROGRAMME_NAME = 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023';

const NOTES =
  'Quận Bình Thủy hỗ trợ đăng ký quyền sở hữu trí tuệ (bài viết về buổi làm việc ngày 8/8/2023). ' +
  'Dữ liệu mẫu: bài viết không nêu chủ sở hữu, số đơn, ngày nộp đơn; nhóm Nice do dữ liệu mẫu ' +
  'chọn theo sản phẩm; việc gắn với Chương trình SHTT-2023 là lựa chọn của dữ liệu mẫu.';

/**
 * The six collective marks the article says quận Bình Thủy supported, each in the ward its name
 * gives (the district itself when the name gives none). Nice classes are the demo's reading of
 * the product: 29 milk, 30 rice cakes, 31 fresh produce and live plants.
 */
const MARKS: { name: string; product: string; niceClasses: number[]; wardCode: string | null }[] = [
  {
    name: 'Nấm bào ngư phường Thới An Đông',
    product: 'Nấm bào ngư',
    niceClasses: [31],
    wardCode: '31174',
  },
  { name: 'Vú sữa Thới An Đông', product: 'Vú sữa', niceClasses: [31], wardCode: '31174' },
  { name: 'Sữa bò Long Hòa', product: 'Sữa bò', niceClasses: [29], wardCode: '31180' },
  { name: 'Bánh tét lá cẩm', product: 'Bánh tét lá cẩm', niceClasses: [30], wardCode: null },
  {
    name: 'Làng nghề hoa kiểng Phó Thọ - Bà Bộ',
    product: 'Hoa kiểng',
    niceClasses: [31],
    wardCode: null,
  },
  { name: 'Rau an toàn Long Tuyền', product: 'Rau an toàn', niceClasses: [31], wardCode: '31183' },
];

/**
 * The article's IP part: the city's 2023 IP asset development programme (`SHTT-2023`, owned by
 * the Department) and the six collective marks the district supported, being prepared: the
 * article says they were supported, not filed, so no application number or date is invented and
 * no owner is made up. Made through the programmes' and registrations' own services, each looked
 * up first, so a second run creates nothing.
 */
@Injectable()
export class IpDemoSeeder {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly registrations: IpRegistrationsService,
    private readonly units: AdminUnitsService,
  ) {}

  async seed(tally: DemoTally, registry: RegistryDemo): Promise<IpRegistrationDto[]> {
    const programme = await this.programme(tally, registry);
    const existing = await this.registrations.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      adminUnitId: registry.units.binhThuy.id,
      programmeId: programme.id,
    });
    const made: IpRegistrationDto[] = [];
    for (const mark of MARKS) {
      const found = firstMatch(existing, (r) => r.name === mark.name);
      if (found) {
        tally.existing++;
        made.push(found);
        continue;
      }
      tally.created++;
      made.push(
        await this.registrations.create(SYSTEM_ACTOR, {
          kind: 'collective_mark',
          name: mark.name,
          product: mark.product,
          niceClasses: mark.niceClasses,
          ownerOrganisationId: null,
          adminUnitId:
            mark.wardCode === null ? registry.units.binhThuy.id : await this.ward(mark.wardCode),
          supportingOrganisationId: registry.districtCommittee.id,
          programmeId: programme.id,
          supportYear: 2023,
          notes: NOTES,
        }),
      );
    }
    return made;
  }

  /** The programme `SHTT-2023`, made once (another seeder may find it by its code). */
  private async programme(tally: DemoTally, registry: RegistryDemo): Promise<ProgrammeDto> {
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
      name: PROGRAMME_NAME,
      ownerOrganisationId: registry.department.id,
      startYear: 2023,
      endYear: 2023,
      description:
        'Chương trình thành phố hỗ trợ xây dựng, khai thác và phát triển tài sản trí tuệ; mã chương trình là của dữ liệu mẫu.',
    });
  }

  /** A ward of quận Bình Thủy in force on the day of the article's session. */
  private async ward(code: string): Promise<string> {
    const page = await this.units.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      code,
      validOn: DEMO_SESSION_DATE,
    });
    const unit = firstMatch(page, (u) => u.code === code);
    if (!unit)
      throw new Error(`The official unit ${code} in force on ${DEMO_SESSION_DATE} is missing`);
    return unit.id;
  }
}
