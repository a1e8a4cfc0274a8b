import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@app/platform';
import {
  AdminUnitDto,
  AdminUnitsService,
  OrganisationDto,
  type OrganisationKind,
  OrganisationsService,
  PeopleService,
  PersonDto,
} from '@app/registry';
import { DEMO_SESSION_DATE, DemoTally, firstMatch, ONE_PAGE } from './demo';

/** The demo's organisations and people, by role in the story, for the other parts of the demo. */
export interface RegistryDemo {
  units: { canTho2024: AdminUnitDto; binhThuy: AdminUnitDto; canTho2025: AdminUnitDto };
  department: OrganisationDto;
  informationCentre: OrganisationDto;
  applicationCentre: OrganisationDto;
  scienceOffice: OrganisationDto;
  technologyOffice: OrganisationDto;
  standardsOffice: OrganisationDto;
  districtCommittee: OrganisationDto;
  economicOffice: OrganisationDto;
  deputyDirector: PersonDto;
  districtViceChair: PersonDto;
}

/**
 * The registry part of the demo data (the article as data): the Cần Thơ Department of Science and
 * Technology with its offices and centres, the Bình Thủy district committee and its economic
 * office, and the people the article names, on the official units. Records are looked up before
 * they are created, so a second run changes nothing.
 */
@Injectable()
export class RegistryDemoSeeder {
  constructor(
    private readonly units: AdminUnitsService,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
  ) {}

  async seed(tally: DemoTally): Promise<RegistryDemo> {
    const canTho2024 = await this.unit('92', DEMO_SESSION_DATE);
    const binhThuy = await this.unit('918', DEMO_SESSION_DATE);
    const canTho2025 = await this.unit('92', '2025-07-01');
    const org = (
      name: string,
      shortName: string | null,
      kind: OrganisationKind,
      adminUnitId: string,
      parentId: string | null,
    ) => this.organisation(tally, { name, shortName, kind, adminUnitId, parentId });

    const department = await org(
      'Sở Khoa học và Công nghệ thành phố Cần Thơ',
      'Sở KH&CN TP. Cần Thơ',
      'department',
      canTho2025.id,
      null,
    );
    const unit = (name: string, shortName: string) =>
      org(name, shortName, 'department_unit', canTho2025.id, department.id);
    const informationCentre = await unit(
      'Trung tâm Thông tin Khoa học và Công nghệ',
      'Trung tâm Thông tin KH&CN',
    );
    const applicationCentre = await unit(
      'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ',
      'Trung tâm Ứng dụng Tiến bộ KH&CN',
    );
    const scienceOffice = await unit('Phòng Quản lý Khoa học', 'Phòng QLKH');
    const technologyOffice = await unit(
      'Phòng Quản lý Công nghệ và Thị trường công nghệ',
      'Phòng QLCN&TTCN',
    );
    const standardsOffice = await unit('Chi cục Tiêu chuẩn Đo lường Chất lượng', 'Chi cục TĐC');
    const districtCommittee = await org(
      'Ủy ban nhân dân quận Bình Thủy',
      'UBND quận Bình Thủy',
      'district_committee',
      binhThuy.id,
      null,
    );
    const economicOffice = await org(
      'Phòng Kinh tế quận Bình Thủy',
      'Phòng Kinh tế',
      'district_office',
      binhThuy.id,
      districtCommittee.id,
    );

    const deputyDirector = await this.person(
      tally,
      'Trần Hoài Phương',
      'Phó Giám đốc Sở',
      department.id,
    );
    await this.person(tally, 'Trần Đông Phương An', 'Phó Giám đốc Sở', department.id);
    const districtViceChair = await this.person(
      tally,
      'Nguyễn Văn Khánh',
      'Phó Chủ tịch UBND quận',
      districtCommittee.id,
    );

    return {
      units: { canTho2024, binhThuy, canTho2025 },
      department,
      informationCentre,
      applicationCentre,
      scienceOffice,
      technologyOffice,
      standardsOffice,
      districtCommittee,
      economicOffice,
      deputyDirector,
      districtViceChair,
    };
  }

  /** The official unit with this code in force on a date (the import has run). */
  private async unit(code: string, on: string): Promise<AdminUnitDto> {
    const page = await this.units.list(SYSTEM_ACTOR, { ...ONE_PAGE, code, validOn: on });
    const unit = firstMatch(page, (u) => u.code === code);
    if (!unit) throw new Error(`The official unit ${code} in force on ${on} is missing`);
    return unit;
  }

  private async organisation(
    tally: DemoTally,
    fields: {
      name: string;
      shortName: string | null;
      kind: OrganisationKind;
      adminUnitId: string;
      parentId: string | null;
    },
  ): Promise<OrganisationDto> {
    const page = await this.organisations.list(SYSTEM_ACTOR, {
      ...ONE_PAGE,
      q: fields.name,
      adminUnitId: fields.adminUnitId,
    });
    const found = firstMatch(page, (o) => o.name === fields.name && o.parentId === fields.parentId);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.organisations.create(SYSTEM_ACTOR, fields);
  }

  private async person(
    tally: DemoTally,
    fullName: string,
    position: string,
    organisationId: string,
  ): Promise<PersonDto> {
    const page = await this.people.list(SYSTEM_ACTOR, { ...ONE_PAGE, q: fullName, organisationId });
    const found = firstMatch(page, (p) => p.fullName === fullName);
    if (found) {
      tally.existing++;
      return found;
    }
    tally.created++;
    return this.people.create(SYSTEM_ACTOR, { fullName, position, organisationId });
  }
}
