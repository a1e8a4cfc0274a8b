import request from 'supertest';
import { type Role, UsersService, SYSTEM_ACTOR } from '@app/platform';
import {
  AdminUnitDto,
  AdminUnitsService,
  OrganisationDto,
  OrganisationsService,
  PeopleService,
  PersonDto,
} from '@app/registry';
import { Caller, TestApp } from './test-app';

export const TEST_PASSWORD = 'a long test password 1';

export type CallerName = 'admin' | 'staff' | 'centre' | 'district' | 'leader';

/**
 * A small, known world: a province with two districts (each with a commune), the Department with a
 * centre, an office in each district, a person in each, and one signed-in caller per role. The
 * district officer is bound to `district`; `otherDistrict` is outside their scope.
 */
export interface World {
  province: AdminUnitDto;
  district: AdminUnitDto;
  commune: AdminUnitDto;
  otherDistrict: AdminUnitDto;
  otherCommune: AdminUnitDto;
  department: OrganisationDto;
  centre: OrganisationDto;
  districtOffice: OrganisationDto;
  otherDistrictOffice: OrganisationDto;
  districtPerson: PersonDto;
  otherDistrictPerson: PersonDto;
  departmentPerson: PersonDto;
  as: Record<CallerName, Caller>;
  anonymous: Caller;
  userIds: Record<CallerName, string>;
}

export async function signIn(
  t: TestApp,
  username: string,
  password = TEST_PASSWORD,
): Promise<Caller> {
  const res = await request(t.http)
    .post('/api/v1/auth/login')
    .send({ username, password })
    .expect(200);
  return new Caller(t.http, (res.body as { accessToken: string }).accessToken);
}

/** A new account with TEST_PASSWORD, signed in: its caller and its id. */
export async function signedInAccount(
  t: TestApp,
  account: {
    username: string;
    fullName: string;
    role: Role;
    organisationId?: string;
    adminUnitId?: string;
  },
): Promise<{ as: Caller; id: string }> {
  const user = await t.app
    .get(UsersService)
    .create(SYSTEM_ACTOR, { ...account, password: TEST_PASSWORD });
  return { as: await signIn(t, account.username), id: user.id };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const units = t.app.get(AdminUnitsService);
  const orgs = t.app.get(OrganisationsService);
  const people = t.app.get(PeopleService);

  const province = await units.create(SYSTEM_ACTOR, {
    code: '92',
    name: 'Thành phố Cần Thơ',
    level: 'province',
    subtype: 'thanh_pho',
  });
  const district = await units.create(SYSTEM_ACTOR, {
    code: '918',
    name: 'Quận Bình Thủy',
    level: 'district',
    subtype: 'quan',
    parentId: province.id,
  });
  const commune = await units.create(SYSTEM_ACTOR, {
    code: '31174',
    name: 'Phường Thới An Đông',
    level: 'commune',
    subtype: 'phuong',
    parentId: district.id,
  });
  const otherDistrict = await units.create(SYSTEM_ACTOR, {
    code: '916',
    name: 'Quận Ninh Kiều',
    level: 'district',
    subtype: 'quan',
    parentId: province.id,
  });
  const otherCommune = await units.create(SYSTEM_ACTOR, {
    code: '31117',
    name: 'Phường Tân An',
    level: 'commune',
    subtype: 'phuong',
    parentId: otherDistrict.id,
  });

  const department = await orgs.create(SYSTEM_ACTOR, {
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'Sở KH&CN',
    kind: 'department',
    adminUnitId: province.id,
  });
  const centre = await orgs.create(SYSTEM_ACTOR, {
    name: 'Trung tâm Ứng dụng Tiến bộ KH&CN',
    kind: 'department_unit',
    adminUnitId: province.id,
    parentId: department.id,
  });
  const districtOffice = await orgs.create(SYSTEM_ACTOR, {
    name: 'Phòng Kinh tế quận Bình Thủy',
    kind: 'district_office',
    adminUnitId: district.id,
  });
  const otherDistrictOffice = await orgs.create(SYSTEM_ACTOR, {
    name: 'Phòng Kinh tế quận Ninh Kiều',
    kind: 'district_office',
    adminUnitId: otherDistrict.id,
  });
  const districtPerson = await people.create(SYSTEM_ACTOR, {
    fullName: 'Nguyễn Văn Khánh',
    position: 'Phó Chủ tịch',
    organisationId: districtOffice.id,
  });
  const otherDistrictPerson = await people.create(SYSTEM_ACTOR, {
    fullName: 'Lê Văn Bình',
    organisationId: otherDistrictOffice.id,
  });
  const departmentPerson = await people.create(SYSTEM_ACTOR, {
    fullName: 'Trần Hoài Phương',
    position: 'Phó Giám đốc Sở',
    organisationId: department.id,
  });

  const accounts: Record<
    CallerName,
    { role: Role; organisationId?: string; adminUnitId?: string }
  > = {
    admin: { role: 'admin' },
    staff: { role: 'department_staff', organisationId: department.id },
    centre: { role: 'unit_staff', organisationId: centre.id },
    district: { role: 'district_officer', adminUnitId: district.id },
    leader: { role: 'leadership' },
  };
  const as = {} as Record<CallerName, Caller>;
  const userIds = {} as Record<CallerName, string>;
  for (const [name, account] of Object.entries(accounts) as [
    CallerName,
    (typeof accounts)[CallerName],
  ][]) {
    const made = await signedInAccount(t, {
      username: `test.${name}`,
      fullName: `Test ${name}`,
      ...account,
    });
    userIds[name] = made.id;
    as[name] = made.as;
  }
  return {
    province,
    district,
    commune,
    otherDistrict,
    otherCommune,
    department,
    centre,
    districtOffice,
    otherDistrictOffice,
    districtPerson,
    otherDistrictPerson,
    departmentPerson,
    as,
    anonymous: new Caller(t.http, undefined),
    userIds,
  };
}

/** The ETag a single-record response carried, as a number. */
export function versionOf(res: request.Response): number {
  const etag = res.headers.etag as string | undefined;
  if (!etag) throw new Error(`No ETag on ${res.status} ${JSON.stringify(res.body)}`);
  return Number(JSON.parse(etag.replace(/^W\//, '')));
}
