import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import {
  RequestValidationError,
  ROLES,
  type Role,
  SYSTEM_ACTOR,
  UsersService,
} from '@app/platform';
import { AdminUnitsService, OrganisationsService } from '@app/registry';
import { generatePassword } from '../password';
import { say } from '../output';
import { checkDate, checkId, RegistryLookup } from './registry-lookup';

/** The service names request fields; the person at the terminal typed flags. */
const FLAGS: Record<string, string> = {
  username: '<username>',
  password: '--password',
  fullName: '--full-name',
  role: '--role',
  organisationId: '--organisation-id (or --organisation)',
  adminUnitId: '--admin-unit-id (or --unit)',
};

/** A validation error of the users service, said with the command's flags. */
export function inFlags(error: unknown): unknown {
  if (!(error instanceof RequestValidationError)) return error;
  return new Error(
    error.errors.map((e) => `${FLAGS[e.field] ?? e.field}: ${e.message}`).join('; '),
    { cause: error },
  );
}

interface UserCreateOptions {
  fullName?: string;
  role?: Role;
  organisationId?: string;
  organisation?: string;
  adminUnitId?: string;
  unit?: string;
  on?: string;
  password?: string;
}

@Command({
  name: 'user:create',
  arguments: '<username>',
  description: 'Create an account; without --password a strong one is generated and printed once',
})
export class UserCreateCommand extends CommandRunner {
  private readonly lookup: RegistryLookup;

  constructor(
    private readonly users: UsersService,
    @InjectDataSource() dataSource: DataSource,
    units: AdminUnitsService,
    organisations: OrganisationsService,
  ) {
    super();
    this.lookup = new RegistryLookup(dataSource, units, organisations);
  }

  async run([username]: string[], options: UserCreateOptions): Promise<void> {
    // nest-commander drops `choices` when an option has a parser, so the role is checked here.
    if (!options.role || !ROLES.includes(options.role)) {
      throw new Error(
        `--role ${options.role ? `"${options.role}" is not a role` : 'is required'}: one of ${ROLES.join(', ')}`,
      );
    }
    if (options.organisation !== undefined && options.organisationId !== undefined) {
      throw new Error('Give --organisation or --organisation-id, not both');
    }
    if (options.unit !== undefined && options.adminUnitId !== undefined) {
      throw new Error('Give --unit or --admin-unit-id, not both');
    }
    checkId('--organisation-id', options.organisationId, '--organisation "<name>"');
    checkId('--admin-unit-id', options.adminUnitId, '--unit "<name or code>"');
    const on = checkDate('--on', options.on);
    const organisation =
      options.organisation !== undefined
        ? await this.lookup.oneOrganisation(options.organisation)
        : undefined;
    const unit =
      options.unit !== undefined ? await this.lookup.oneUnit(options.unit, on) : undefined;

    const password = options.password ?? generatePassword();
    const user = await this.users
      .create(SYSTEM_ACTOR, {
        username,
        password,
        fullName: options.fullName ?? username,
        role: options.role,
        organisationId: organisation?.id ?? options.organisationId,
        adminUnitId: unit?.id ?? options.adminUnitId,
      })
      .catch((error: unknown) => {
        throw inFlags(error);
      });
    say(`Created ${user.username} (${user.role}, id ${user.id})`);
    if (organisation) say(`Organisation: ${organisation.name} (${organisation.id})`);
    if (unit) say(`Administrative unit: ${unit.name}, code ${unit.code} (${unit.id})`);
    if (!options.password) say(`Password (shown only now): ${password}`);
  }

  @Option({
    flags: '--role <role>',
    description: `One of ${ROLES.join(', ')}`,
    choices: [...ROLES],
  })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--full-name <name>', description: 'The person’s full name' })
  parseFullName(value: string): string {
    return value;
  }

  @Option({ flags: '--organisation-id <uuid>', description: 'unit_staff: their organisation' })
  parseOrganisationId(value: string): string {
    return value;
  }

  @Option({
    flags: '--organisation <name>',
    description: 'unit_staff: their organisation, by name or short name (see organisations:find)',
  })
  parseOrganisation(value: string): string {
    return value;
  }

  @Option({
    flags: '--admin-unit-id <uuid>',
    description: 'district_officer: their district or commune',
  })
  parseAdminUnitId(value: string): string {
    return value;
  }

  @Option({
    flags: '--unit <name or code>',
    description: 'district_officer: their district or commune, by name or code (see units:find)',
  })
  parseUnit(value: string): string {
    return value;
  }

  @Option({
    flags: '--on <date>',
    description: 'With --unit: only units in force on this date (YYYY-MM-DD)',
  })
  parseOn(value: string): string {
    return value;
  }

  @Option({
    flags: '--password <password>',
    description: 'At least 12 characters (beware: shell history keeps it)',
  })
  parsePassword(value: string): string {
    return value;
  }
}

@Command({
  name: 'user:reset-password',
  arguments: '<username>',
  description:
    'Set a new password and end every token of the user; without --password one is generated',
})
export class UserResetPasswordCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([username]: string[], options: { password?: string }): Promise<void> {
    const password = options.password ?? generatePassword();
    const user = await this.users
      .resetPassword(SYSTEM_ACTOR, username, password)
      .catch((error: unknown) => {
        throw inFlags(error);
      });
    say(`New password set for ${user.username}; their sessions have ended`);
    if (!options.password) say(`Password (shown only now): ${password}`);
  }

  @Option({ flags: '--password <password>', description: 'At least 12 characters' })
  parsePassword(value: string): string {
    return value;
  }
}
