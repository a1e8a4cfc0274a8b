import { Command, CommandRunner, Option } from 'nest-commander';
import { ROLES, type Role, SYSTEM_ACTOR, UsersService } from '@app/platform';
import { generatePassword } from '../password';
import { say } from '../output';

interface UserCreateOptions {
  fullName?: string;
  role?: Role;
  organisationId?: string;
  adminUnitId?: string;
  password?: string;
}

@Command({
  name: 'user:create',
  arguments: '<username>',
  description: 'Create an account; without --password a strong one is generated and printed once',
})
export class UserCreateCommand extends CommandRunner {
  constructor(private readonly users: UsersService) {
    super();
  }

  async run([username]: string[], options: UserCreateOptions): Promise<void> {
    // nest-commander drops `choices` when an option has a parser, so the role is checked here.
    if (!options.role || !ROLES.includes(options.role)) {
      throw new Error(
        `--role ${options.role ? `"${options.role}" is not a role` : 'is required'}: one of ${ROLES.join(', ')}`,
      );
    }
    const password = options.password ?? generatePassword();
    const user = await this.users.create(SYSTEM_ACTOR, {
      username,
      password,
      fullName: options.fullName ?? username,
      role: options.role,
      organisationId: options.organisationId,
      adminUnitId: options.adminUnitId,
    });
    say(`Created ${user.username} (${user.role}, id ${user.id})`);
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
    flags: '--admin-unit-id <uuid>',
    description: 'district_officer: their district or commune',
  })
  parseAdminUnitId(value: string): string {
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
    const user = await this.users.resetPassword(SYSTEM_ACTOR, username, password);
    say(`New password set for ${user.username}; their sessions have ended`);
    if (!options.password) say(`Password (shown only now): ${password}`);
  }

  @Option({ flags: '--password <password>', description: 'At least 12 characters' })
  parsePassword(value: string): string {
    return value;
  }
}
