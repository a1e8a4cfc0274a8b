import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Role, UserEntity, UsersService } from '@app/platform';
import { DemoTally, RegistryDemo } from '@app/registry';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/** A strong password to hand out once: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** One demo account per role, bound as each role needs; passwords are new and printed once. */
@Injectable()
export class DemoUsersSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async seed(tally: DemoTally, demo: RegistryDemo): Promise<DemoAccount[]> {
    const accounts: {
      username: string;
      fullName: string;
      role: Role;
      organisationId?: string;
      adminUnitId?: string;
    }[] = [
      { username: 'demo.admin', fullName: 'Quản trị (demo)', role: 'admin' },
      {
        username: 'demo.staff',
        fullName: 'Chuyên viên Sở (demo)',
        role: 'department_staff',
        organisationId: demo.technologyOffice.id,
      },
      {
        username: 'demo.centre',
        fullName: 'Chuyên viên Trung tâm (demo)',
        role: 'unit_staff',
        organisationId: demo.applicationCentre.id,
      },
      {
        username: 'demo.district',
        fullName: 'Cán bộ Phòng Kinh tế (demo)',
        role: 'district_officer',
        adminUnitId: demo.units.binhThuy.id,
      },
      {
        username: 'demo.leader',
        fullName: 'Lãnh đạo Sở (demo)',
        role: 'leadership',
        organisationId: demo.department.id,
      },
    ];
    const created: DemoAccount[] = [];
    for (const account of accounts) {
      if (
        await this.dataSource
          .getRepository(UserEntity)
          .exists({ where: { username: account.username } })
      ) {
        tally.existing++;
        continue;
      }
      const password = generatePassword();
      await this.users.create(null, { ...account, password });
      tally.created++;
      created.push({ username: account.username, role: account.role, password });
    }
    return created;
  }
}
