import { once } from 'node:events';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * The app's backup file: gzip of one JSON line (what it holds: the migrations applied, the tables
 * in load order with their columns and row counts), then each table's rows in PostgreSQL's COPY
 * text format, each table ended by a line `\.`.
 *
 * Why not pg_dump: the embedded PostgreSQL package ships no pg_dump, and a system pg_dump older than
 * the server refuses it. COPY is the server's own means, works from any PostgreSQL 13+ to any
 * other, and the schema is not in the file: restore rebuilds it with the app's migrations (up to
 * the ones the backup was made at), so the migrations stay recorded and nothing else is needed.
 */

export const BACKUP_FORMAT = 'st-tracker-backup';
export const BACKUP_VERSION = 1;

/** Filled by migrations, not by the app: never in a backup, never emptied by a restore. */
const SCHEMA_TABLES = ['migrations', 'typeorm_metadata'];

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  server: string;
  migrations: string[];
  tables: BackupTable[];
}

/** Data tables of the public schema, parents before children (by foreign keys). */
export async function dataTables(client: Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                          AND a.attgenerated = ''
      WHERE c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($1))
      GROUP BY c.relname
      ORDER BY c.relname`,
    [SCHEMA_TABLES],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace AND n.nspname = 'public'
      WHERE k.contype = 'f' AND ch.oid <> pa.oid`,
  );
  // Depth-first topological order; a cycle (none today) would only make the load fail cleanly.
  const ordered: { name: string; columns: string[] }[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    for (const ref of references) if (ref.child === name) visit(ref.parent);
    ordered.push(byName.get(name)!);
  };
  for (const table of tables) visit(table.name);
  return ordered;
}

/** Names of the applied migrations, oldest first; undefined when the database has no schema yet. */
export async function appliedMigrations(client: Client): Promise<string[] | undefined> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT to_regclass('public.migrations') IS NOT NULL AS present`,
  );
  if (!rows[0].present) return undefined;
  const applied = await client.query<{ name: string }>(
    'SELECT name FROM migrations ORDER BY timestamp, id',
  );
  return applied.rows.map((r) => r.name);
}

const quote = (client: Client, names: string[]) =>
  names.map((n) => client.escapeIdentifier(n)).join(', ');

/**
 * Writes a consistent backup (one REPEATABLE READ snapshot) of the database to `file`, through a
 * temporary file renamed at the end: a failed backup leaves no half file under the name.
 */
export async function writeBackup(url: string, file: string): Promise<BackupHeader> {
  const client = new Client({ connectionString: url, application_name: 'st-tracker-backup' });
  await client.connect();
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client);
    if (migrations === undefined || migrations.length === 0) {
      throw new Error('The database has no schema yet (no migration applied): nothing to back up');
    }
    const tables: BackupTable[] = [];
    for (const table of await dataTables(client)) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(table.name)}`,
      );
      tables.push({ ...table, rows: Number(rows[0].n) });
    }
    const { rows: server } = await client.query<{ v: string }>('SHOW server_version');
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      server: server[0].v,
      migrations,
      tables,
    };

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(temporary, { mode: 0o600 }));
    const write = async (data: string | Buffer) => {
      if (!gzip.write(data)) await once(gzip, 'drain');
    };
    await write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      const stream = client.query(
        copyTo(
          `COPY ${client.escapeIdentifier(table.name)} (${quote(client, table.columns)}) TO STDOUT`,
        ),
      );
      for await (const chunk of stream) await write(chunk as Buffer);
      await write('\\.\n');
    }
    gzip.end();
    await written;
    await client.query('COMMIT');
    await fs.rename(temporary, file);
    return header;
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Reads a backup file: its header, then each table's lines in turn. */
export async function openBackup(file: string): Promise<{
  header: BackupHeader;
  lines: AsyncIterator<string>;
  close: () => void;
}> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.pipe(gunzip);
  input.on('error', (error) => gunzip.destroy(error));
  const reader = readline.createInterface({ input: gunzip, crlfDelay: Infinity });
  const lines = reader[Symbol.asyncIterator]();
  const close = () => {
    reader.close();
    input.destroy();
  };
  let header: BackupHeader;
  try {
    const first = await lines.next();
    header = JSON.parse(first.done ? '' : first.value) as BackupHeader;
  } catch (error) {
    close();
    throw new Error(`${file} is not a backup of this app (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (header.format !== BACKUP_FORMAT) {
    close();
    throw new Error(`${file} is not a backup of this app`);
  }
  if (header.version > BACKUP_VERSION) {
    close();
    throw new Error(
      `${file} is a backup in format ${header.version}; this version of the app reads up to ${BACKUP_VERSION}`,
    );
  }
  return { header, lines, close };
}

/**
 * Loads one table's rows from the backup's lines (up to `\.`) with COPY FROM, inside the caller's
 * transaction; returns how many rows PostgreSQL took.
 */
export async function loadTable(
  client: Client,
  table: BackupTable,
  lines: AsyncIterator<string>,
): Promise<number> {
  const stream = client.query(
    copyFrom(
      `COPY ${client.escapeIdentifier(table.name)} (${quote(client, table.columns)}) FROM STDIN`,
    ),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (;;) {
    const next = await lines.next();
    if (next.done) {
      stream.destroy(new Error('the backup file ends in the middle of a table'));
      break;
    }
    if (next.value === '\\.') break;
    if (!stream.write(`${next.value}\n`)) {
      await Promise.race([once(stream, 'drain'), done]);
    }
  }
  stream.end();
  await done;
  return stream.rowCount;
}
