import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '@app/platform';
import { importAdminUnits, readReferenceData } from '@app/registry';
import { DemoTally } from '../demo/demo';
import { EnterprisesDemoSeeder } from '../demo/enterprises.demo';
import { IpDemoSeeder } from '../demo/ip.demo';
import { ProjectsDemoSeeder } from '../demo/projects.demo';
import { RegistryDemoSeeder } from '../demo/registry.demo';
import { SessionsDemoSeeder } from '../demo/sessions.demo';
import { DemoUsersSeeder } from '../demo/users.demo';
import { progressReporter, say } from '../output';

/** Tests stop a run after a step, to prove that a second run completes an interrupted one. */
const STOP_AFTER = 'ST_SEED_DEMO_STOP_AFTER';

@Command({
  name: 'seed:demo',
  description:
    'Load the official administrative units (unless already there), then the demo data of the article the product grew from; running it again changes nothing',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: RegistryDemoSeeder,
    private readonly sessions: SessionsDemoSeeder,
    private readonly enterprises: EnterprisesDemoSeeder,
    private readonly ip: IpDemoSeeder,
    private readonly projects: ProjectsDemoSeeder,
    private readonly users: DemoUsersSeeder,
  ) {
    super();
  }

  async run(): Promise<void> {
    await runMigrationsLocked(this.dataSource);
    // The import itself decides what is missing (it changes nothing when the official lists are
    // there), whatever else the database holds: units made by hand, or an earlier run cut short.
    const units = await importAdminUnits(this.dataSource, await readReferenceData(), {
      progress: progressReporter(),
    });
    say(
      units.inserted + units.updated + units.successorsAdded + units.successorsRemoved === 0
        ? 'The official administrative units are already loaded'
        : `Loaded the official administrative units: ${units.inserted} added, ${units.updated} corrected`,
    );
    if (process.env[STOP_AFTER] === 'units') return;
    const tally = new DemoTally();
    const registry = await this.registry.seed(tally);
    if (process.env[STOP_AFTER] === 'registry') return;
    const session = await this.sessions.seed(tally, registry);
    await this.enterprises.seed(tally, registry, session);
    await this.ip.seed(tally, registry);
    await this.projects.seed(tally, registry);
    const accounts = await this.users.seed(tally, registry);
    say(
      tally.created === 0
        ? `The demo data is already there (${tally.existing} records); nothing changed`
        : `Demo data: created ${tally.created} records, ${tally.existing} were already there`,
    );
    if (accounts.length > 0) {
      say('\nDemo accounts (passwords are shown only now; change them before real use):');
      for (const { username, role, password, boundTo } of accounts)
        say(`  ${username.padEnd(14)} ${role.padEnd(17)} ${password}  ${boundTo}`);
    }
  }
}
