import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '@app/platform';
import { importAdminUnits, readReferenceData, REFERENCE_DIR } from '@app/registry';
import { progressReporter, say } from '../output';

interface ImportOptions {
  dir?: string;
  dryRun?: boolean;
}

@Command({
  name: 'admin-units:import',
  description:
    "Load Viet Nam's official administrative units before and after 1 July 2025, with successors (idempotent)",
})
export class AdminUnitsImportCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(_args: string[], options: ImportOptions): Promise<void> {
    await runMigrationsLocked(this.dataSource);
    const started = Date.now();
    const data = await readReferenceData(options.dir ?? REFERENCE_DIR);
    say(
      `Read ${data.units.filter((u) => u.era === 'before').length} units before the reform, ` +
        `${data.units.filter((u) => u.era === 'after').length} after, ${data.successors.length} successor links`,
    );
    const summary = await importAdminUnits(this.dataSource, data, {
      dryRun: options.dryRun,
      progress: progressReporter(),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const changed =
      summary.inserted + summary.updated + summary.successorsAdded + summary.successorsRemoved;
    say(
      changed === 0
        ? `Nothing to change: all ${summary.unchanged} units and their successors are already loaded (${seconds} s)`
        : `${summary.dryRun ? 'Dry run (nothing written): would have ' : ''}inserted ${summary.inserted}, ` +
            `updated ${summary.updated}, left ${summary.unchanged} unchanged; successor links +${summary.successorsAdded} ` +
            `-${summary.successorsRemoved} (${seconds} s)`,
    );
  }

  @Option({
    flags: '--dir <directory>',
    description: 'Read the CSV files from this directory instead of the shipped ones',
  })
  parseDir(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'Check and count everything, write nothing' })
  parseDryRun(): boolean {
    return true;
  }
}
