import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '@app/platform';
import { DemoTally, importAdminUnits, readReferenceData, RegistryDemoSeeder } from '@app/registry';
import { SessionsDemoSeeder } from '@app/tasks';
import { DemoUsersSeeder } from '../demo-users';
import { progressReporter, say } from '../output';

@Command({
  name: 'seed:demo',
  description:
    'Load the demo data of DOMAIN.md (the official units first if missing); running it twice changes nothing',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistryDemoSeeder,
    private readonly sessions: SessionsDemoSeeder,
    private readonly users: DemoUsersSeeder,
  ) {
    super();
  }

  async run(): Promise<void> {
    await runMigrationsLocked(this.dataSource);
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM admin_unit WHERE deleted_at IS NULL`,
    );
    if (Number(count) === 0) {
      say('No administrative units yet: loading the official lists first');
      await importAdminUnits(this.dataSource, await readReferenceData(), {
        progress: progressReporter(),
      });
    }
    const tally = new DemoTally();
    const registry = await this.registry.seed(tally);
    await this.sessions.seed(tally, registry);
    const passwords = await this.users.seed(tally, registry);
    say(
      tally.created === 0
        ? `The demo data is already there (${tally.existing} records); nothing changed`
        : `Demo data: created ${tally.created} records, ${tally.existing} were already there`,
    );
    if (passwords.length > 0) {
      say('\nDemo accounts (passwords are shown only now; change them before real use):');
      for (const { username, role, password } of passwords)
        say(`  ${username.padEnd(16)} ${role.padEnd(18)} ${password}`);
    }
  }
}
