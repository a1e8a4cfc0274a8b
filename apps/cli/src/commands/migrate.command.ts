import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { revertLastMigration, runMigrationsLocked } from '@app/platform';
import { say } from '../output';

interface MigrateOptions {
  revert?: boolean;
  status?: boolean;
}

@Command({
  name: 'migrate',
  description: 'Apply pending migrations (--revert undoes the last one, --status lists them)',
})
export class MigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run(_args: string[], options: MigrateOptions): Promise<void> {
    if (options.status) {
      const applied = new Set(
        (
          await this.dataSource
            .query<{ name: string }[]>('SELECT name FROM migrations')
            .catch(() => [])
        ).map((m) => m.name),
      );
      for (const migration of this.dataSource.migrations) {
        say(`${applied.has(migration.name!) ? 'applied ' : 'pending '} ${migration.name}`);
      }
      return;
    }
    if (options.revert) {
      await revertLastMigration(this.dataSource);
      say('Reverted the last migration');
      return;
    }
    const applied = await runMigrationsLocked(this.dataSource);
    say(
      applied.length === 0
        ? 'The database is up to date'
        : `Applied: ${applied.map((m) => m.name).join(', ')}`,
    );
  }

  @Option({ flags: '--revert', description: 'Undo the last applied migration' })
  parseRevert(): boolean {
    return true;
  }

  @Option({ flags: '--status', description: 'List migrations and whether each is applied' })
  parseStatus(): boolean {
    return true;
  }
}
