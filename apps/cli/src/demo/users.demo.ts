import { Injectable } from '@nestjs/common';
import { type Role, SYSTEM_ACTOR, UsersService } from '@app/platform';
import { generatePassword } from '../password';
import { DemoTally, firstMatch, ONE_PAGE } from './demo';
import type { RegistryDemo } from './registry.demo';

export interface DemoAccount {
  username: string;
  role: Role;
  /** What the account is bound to, as a person reads it. */
  boundTo: string;
  password: string;
}

/** One demo account per role, bound as each role needs; passwords are new and printed once. */
@Injectable()
export class DemoUsersSeeder {
  constructor(private readonly users: UsersService) {}

  async seed(tally: DemoTally, demo: RegistryDemo): Promise<DemoAccount[]> {
    const accounts: {
      username: string;
      fullName: string;
      role: Role;
      organisationId?: string;
      adminUnitId?: string;
      boundTo: string;
    }[] = [
      { username: 'demo.admin', fullName: 'Quản trị (demo)', role: 'admin', boundTo: '—' },
      {
        username: 'demo.staff',
        fullName: 'Chuyên viên Sở (demo)',
        role: 'department_staff',
        organisationId: demo.technologyOffice.id,
        boundTo: demo.technologyOffice.name,
      },
      {
        username: 'demo.centre',
        fullName: 'Chuyên viên Trung tâm (demo)',
        role: 'unit_staff',
        organisationId: demo.applicationCentre.id,
        boundTo: demo.applicationCentre.name,
      },
      {
        username: 'demo.district',
        fullName: 'Cán bộ Phòng Kinh tế (demo)',
        role: 'district_officer',
        organisationId: demo.economicOffice.id,
        adminUnitId: demo.units.binhThuy.id,
        boundTo: `${demo.economicOffice.name}, ${demo.units.binhThuy.name} (${demo.units.binhThuy.code})`,
      },
      {
        username: 'demo.leader',
        fullName: 'Lãnh đạo Sở (demo)',
        role: 'leadership',
        organisationId: demo.department.id,
        boundTo: demo.department.name,
      },
    ];
    const created: DemoAccount[] = [];
    for (const { boundTo, ...account } of accounts) {
      const page = await this.users.list({ ...ONE_PAGE, q: account.username });
      if (firstMatch(page, (u) => u.username === account.username)) {
        tally.existing++;
        continue;
      }
      const password = generatePassword();
      await this.users.create(SYSTEM_ACTOR, { ...account, password });
      tally.created++;
      created.push({ username: account.username, role: account.role, boundTo, password });
    }
    return created;
  }
}
