import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { inForceOn } from '../admin-units/admin-units.service';
import { OrganisationEntity, type OrganisationKind } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { PersonEntity } from '../people/person.entity';
import { PeopleService } from '../people/people.service';

/** What a demo seeder did: records it created and records it found already there. */
export class DemoTally {
  created = 0;
  existing = 0;
}

/** The demo's organisations and people, by role in the story, for the other modules' demo data. */
export interface RegistryDemo {
  units: { canTho2024: AdminUnitEntity; binhThuy: AdminUnitEntity; canTho2025: AdminUnitEntity };
  department: OrganisationEntity;
  informationCentre: OrganisationEntity;
  applicationCentre: OrganisationEntity;
  scienceOffice: OrganisationEntity;
  technologyOffice: OrganisationEntity;
  standardsOffice: OrganisationEntity;
  districtCommittee: OrganisationEntity;
  economicOffice: OrganisationEntity;
  deputyDirector: PersonEntity;
  districtViceChair: PersonEntity;
}

/** The day of the article's working session, on which the demo's units must be in force. */
export const DEMO_SESSION_DATE = '2023-08-08';

/**
 * The registry part of the demo data (DOMAIN.md, "The article as data"): the Cần Thơ Department of
 * Science and Technology with its offices and centres, the Bình Thủy district committee and its
 * economic office, and the people the article names. Records are found by name before they are
 * created, so a second run changes nothing.
 */
@Injectable()
export class RegistryDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  private async unit(code: string, on: string): Promise<AdminUnitEntity> {
    const unit = await this.dataSource
      .getRepository(AdminUnitEntity)
      .createQueryBuilder('r')
      .where('r.code = :code', { code })
      .andWhere(inForceOn('r', 'on'), { on })
      .getOne();
    if (!unit)
      throw new Error(
        `The official unit ${code} in force on ${on} is missing; run admin-units:import`,
      );
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
  ): Promise<OrganisationEntity> {
    const repo = this.dataSource.getRepository(OrganisationEntity);
    const found = await repo.findOne({
      where: { name: fields.name, parentId: fields.parentId ?? IsNull() },
    });
    if (found) {
      tally.existing++;
      return found;
    }
    const created = await this.organisations.create(null, fields);
    tally.created++;
    return repo.findOneByOrFail({ id: created.id });
  }

  private async person(
    tally: DemoTally,
    fullName: string,
    position: string,
    organisationId: string,
  ): Promise<PersonEntity> {
    const repo = this.dataSource.getRepository(PersonEntity);
    const found = await repo.findOne({ where: { fullName, organisationId } });
    if (found) {
      tally.existing++;
      return found;
    }
    const created = await this.people.create(null, { fullName, position, organisationId });
    tally.created++;
    return repo.findOneByOrFail({ id: created.id });
  }
}
