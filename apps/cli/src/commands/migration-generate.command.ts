import { InjectDataSource } from '@nestjs/typeorm';
import * as path from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { generateMigration, runMigrationsLocked } from '@app/platform';
import { say } from '../output';

@Command({
  name: 'migration:generate',
  arguments: '<name>',
  description:
    'Write migrations/<timestamp>-<name>.ts from the difference between the entities and the database',
})
export class MigrationGenerateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name))
      throw new Error('The name must start with a letter: letters, digits, - and _');
    await runMigrationsLocked(this.dataSource);
    const file = await generateMigration(this.dataSource, name, path.resolve('migrations'));
    if (!file) {
      say('The entities and the database agree: no migration needed');
      return;
    }
    say(
      `Wrote ${path.relative(process.cwd(), file)}: review it, list it in migrations/index.ts, then npm run migrate`,
    );
  }
}
