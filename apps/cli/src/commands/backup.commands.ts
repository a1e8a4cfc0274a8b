import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner, Option } from 'nest-commander';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, revertLastMigration, runMigrationsLocked } from '@app/platform';
import { MIGRATIONS } from '../../../../migrations';
import { APP_SCHEMA } from '../../../api/src/schema';
import { say } from '../output';
import { appliedMigrations, dataTables, loadTable, openBackup, writeBackup } from './backup-file';

function urlOf(dataSource: DataSource): string {
  return (dataSource.options as { url: string }).url;
}

/** A path as the person typed it: npm runs scripts in the project root, INIT_CWD is where they were. */
function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

@Command({
  name: 'backup',
  arguments: '<file>',
  description: 'Write every record of the database to <file> (gzip; restore reads it back)',
})
export class BackupCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run([file]: string[], options: { force?: boolean }): Promise<void> {
    const target = userPath(file);
    if (!options.force && (await fs.stat(target).catch(() => undefined))) {
      throw new Error(`${target} exists; add --force to replace it`);
    }
    const started = Date.now();
    const header = await writeBackup(urlOf(this.dataSource), target);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    const { size } = await fs.stat(target);
    say(
      `Backed up ${plural(rows, 'row')} of ${plural(header.tables.length, 'table')} ` +
        `(schema at ${header.migrations[header.migrations.length - 1]}) to ${target}: ` +
        `${(size / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  @Option({ flags: '--force', description: 'Replace <file> if it exists' })
  parseForce(): boolean {
    return true;
  }
}

@Command({
  name: 'restore',
  arguments: '<file>',
  description:
    'Load a backup into the database (an empty one; --force replaces what a non-empty one holds)',
})
export class RestoreCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async run([file]: string[], options: { force?: boolean }): Promise<void> {
    const started = Date.now();
    const { header, lines, close } = await openBackup(userPath(file));
    const client = new Client({
      connectionString: urlOf(this.dataSource),
      application_name: 'st-tracker-restore',
    });
    try {
      await client.connect();
      const known = this.dataSource.migrations.map((m) => m.name!);
      const unknown = header.migrations.find((name, i) => known[i] !== name);
      if (unknown !== undefined) {
        throw new Error(
          `The backup was made by another version of the app (its migration ${unknown} is not ` +
            "this version's): restore it with the version that made it, or a newer one",
        );
      }
      const applied = (await appliedMigrations(client)) ?? [];
      if (applied.some((name, i) => known[i] !== name)) {
        throw new Error(
          'The database holds migrations this version of the app does not know: it is not this app’s, or is newer',
        );
      }
      const filled = await this.filledTables(client);
      if (filled.length > 0 && !options.force) {
        throw new Error(
          `The database is not empty (${filled.slice(0, 4).join(', ')}${filled.length > 4 ? ', …' : ''}): a restore replaces everything in it. ` +
            'Add --force to do so, or restore into an empty database',
        );
      }

      // The schema as it was when the backup was made, rebuilt by the migrations.
      if (applied.length > header.migrations.length) {
        say(`The database's schema is newer than the backup's: reverting to the backup's`);
        await client.query(`TRUNCATE ${await this.tableList(client)}`);
        for (let n = applied.length; n > header.migrations.length; n--) {
          await revertLastMigration(this.dataSource);
        }
      } else if (applied.length < header.migrations.length) {
        const older = new DataSource(
          buildDataSourceOptions(
            urlOf(this.dataSource),
            { ...APP_SCHEMA, migrations: MIGRATIONS.slice(0, header.migrations.length) },
            { poolSize: 2 },
          ),
        );
        await older.initialize();
        try {
          await runMigrationsLocked(older);
        } finally {
          await older.destroy();
        }
      }

      // One transaction: either everything is back or nothing changed.
      await client.query('BEGIN');
      const present = new Map((await dataTables(client)).map((t) => [t.name, t.columns]));
      for (const table of header.tables) {
        const missing = table.columns.filter((c) => !present.get(table.name)?.includes(c));
        if (missing.length > 0) {
          throw new Error(`The database has no ${table.name}(${missing.join(', ')}) to load into`);
        }
      }
      await client.query(`TRUNCATE ${await this.tableList(client)}`);
      let rows = 0;
      for (const table of header.tables) {
        const loaded = await loadTable(client, table, lines);
        if (loaded !== table.rows) {
          throw new Error(
            `The backup is damaged: ${table.name} has ${loaded} rows, the backup says ${table.rows}`,
          );
        }
        rows += loaded;
      }
      // Sequences (audit_event.seq) go on after the highest number restored.
      await client.query(
        `SELECT setval(s.seq, coalesce((xpath('/row/m/text()',
                  query_to_xml(format('SELECT max(%I) AS m FROM %I', s.col, s.tab), false, true, '')))[1]::text::bigint, 0) + 1, false)
           FROM (SELECT c.relname AS tab, a.attname AS col,
                        pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
                   FROM pg_class c
                   JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  WHERE c.relkind IN ('r', 'p') AND c.relname = ANY($1)) s
          WHERE s.seq IS NOT NULL`,
        [header.tables.map((t) => t.name)],
      );
      await client.query('COMMIT');
      await client.query('ANALYZE');

      const newer = await runMigrationsLocked(this.dataSource);
      say(
        `Restored ${plural(rows, 'row')} of ${plural(header.tables.length, 'table')} from the backup of ` +
          `${header.createdAt} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
          (newer.length > 0 ? `; then applied ${newer.map((m) => m.name).join(', ')}` : ''),
      );
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      close();
      await client.end().catch(() => undefined);
    }
  }

  /** Data tables holding at least one row, with their counts. */
  private async filledTables(client: Client): Promise<string[]> {
    const filled: string[] = [];
    for (const table of await dataTables(client)) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(table.name)}`,
      );
      if (Number(rows[0].n) > 0) filled.push(`${table.name}: ${rows[0].n}`);
    }
    return filled;
  }

  private async tableList(client: Client): Promise<string> {
    return (await dataTables(client)).map((t) => client.escapeIdentifier(t.name)).join(', ');
  }

  @Option({ flags: '--force', description: 'Replace what a non-empty database holds' })
  parseForce(): boolean {
    return true;
  }
}
