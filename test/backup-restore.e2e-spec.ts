import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsLocked } from '@app/platform';
import { MIGRATIONS } from '../migrations';
import { APP_SCHEMA } from '../apps/api/src/schema';
import { createTestDatabase, dropTestDatabase } from './support/test-app';
import { CLI_MAIN as CLI, ensureBuilt, killAll, run, startServer } from './helpers/processes';

/**
 * `npm run cli -- backup <file>` and `restore <file>`, as an administrator runs them: a database
 * with the demo data is backed up; the backup is restored into a new, empty DATA_DIR (the embedded
 * PostgreSQL, created by the restore), and from there backed up again and restored into a fresh
 * database of the PostgreSQL server. Every table's rows, the migrations and the accounts come back.
 */

const KEEPER_PASSWORD = 'kept across backups 42';
const FIXTURE = path.join(__dirname, 'fixtures', 'admin-units-small');

/** Every table of the database with its row count, and the migrations recorded. */
async function contents(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${client.escapeIdentifier(name)}`,
      );
      counts[name] = Number(rows[0].n);
    }
    const migrations = await client.query<{ name: string }>(
      'SELECT name FROM migrations ORDER BY id',
    );
    const session = await client.query<{ title: string; venue: string; participants: string }>(
      `SELECT s.title, s.venue, count(p.*) AS participants
         FROM working_session s LEFT JOIN session_participant p ON p.session_id = s.id
        GROUP BY s.id`,
    );
    const tasks = await client.query<{ title: string }>('SELECT title FROM task ORDER BY title');
    return {
      counts,
      migrations: migrations.rows.map((r) => r.name),
      sessions: session.rows,
      tasks: tasks.rows.map((r) => r.title),
    };
  } finally {
    await client.end();
  }
}

describe('Backup and restore (the CLI)', () => {
  const dir = path.join(os.tmpdir(), `st-tracker-backup-${randomBytes(4).toString('hex')}`);
  const databases: string[] = [];
  let sourceUrl: string;
  let source: Awaited<ReturnType<typeof contents>>;

  /** A new database: empty, or migrated (a copy of the run's template). */
  const emptyDatabase = async (label: string, migrated = false) => {
    const url = await createTestDatabase({ label, migrated });
    databases.push(url);
    return url;
  };
  const cli = (env: Record<string, string>, ...args: string[]) =>
    run([CLI, ...args], { LOG_LEVEL: 'warn', ...env });

  beforeAll(async () => {
    await ensureBuilt();
    await fs.mkdir(dir, { recursive: true });
    sourceUrl = await emptyDatabase('backup_source');
    // The demo, which loads the official units first.
    const seeded = await cli({ DATABASE_URL: sourceUrl }, 'seed:demo');
    if (seeded.code !== 0) throw new Error(`seed:demo failed: ${seeded.stderr}`);
    const keeper = await cli(
      { DATABASE_URL: sourceUrl },
      'user:create',
      'x.keeper',
      '--role',
      'leadership',
      '--password',
      KEEPER_PASSWORD,
    );
    if (keeper.code !== 0) throw new Error(`user:create failed: ${keeper.stderr}`);
    source = await contents(sourceUrl);
  }, 180_000);

  afterAll(async () => {
    await killAll();
    for (const url of databases) await dropTestDatabase(url);
    await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  /** The tables a backup holds: every table but the migrations' bookkeeping. */
  const dataTables = () =>
    Object.keys(source.counts).filter((name) => !['migrations', 'typeorm_metadata'].includes(name))
      .length;

  it('the demo is there to back up (the check below compares every table)', () => {
    expect(source.counts).toMatchObject({ admin_unit: 14149, app_user: 6, task: 3 });
    expect(source.migrations.length).toBeGreaterThan(0);
  });

  let first: string;

  it('backup writes one file (not readable by others), and refuses to overwrite it without --force', async () => {
    first = path.join(dir, 'first.backup.gz');
    const backup = await cli({ DATABASE_URL: sourceUrl }, 'backup', first);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    const rows = Object.entries(source.counts)
      .filter(([name]) => !['migrations', 'typeorm_metadata'].includes(name))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up ${rows} rows of ${dataTables()} tables`));
    expect((await fs.stat(first)).mode & 0o077).toBe(0);

    const again = await cli({ DATABASE_URL: sourceUrl }, 'backup', first);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error: ${first} exists; add --force to replace it\n`);
    expect((await cli({ DATABASE_URL: sourceUrl }, 'backup', first, '--force')).code).toBe(0);
  });

  let embeddedCopy: string;

  it('restore into a new, empty DATA_DIR creates the embedded database and loads everything; the server then serves it', async () => {
    const dataDir = path.join(dir, 'fresh-data');
    const restore = await cli({ DATA_DIR: dataDir }, 'restore', first);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(restore.stdout).toMatch(
      new RegExp(`^Restored \\d+ rows of ${dataTables()} tables from the backup of `),
    );

    const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const port = server.port;
    try {
      // Every table, from the embedded PostgreSQL 18 the restore made.
      const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
      const password = (await fs.readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pidFile.split('\n')[3]}/postgres`;
      expect(await contents(url)).toEqual(source);

      // Before anyone signs in (a sign-in adds a token).
      // A backup of the embedded database while the server runs (the CLI joins its PostgreSQL).
      embeddedCopy = path.join(dir, 'from-embedded.backup.gz');
      expect((await cli({ DATA_DIR: dataDir }, 'backup', embeddedCopy)).code).toBe(0);
      // The account made before the backup signs in: its password hash came back.
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'x.keeper', password: KEEPER_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const tasks = await fetch(`http://127.0.0.1:${port}/api/v1/tasks`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await tasks.json()) as { items: { title: string }[] };
      expect(body.items.map((t) => t.title).sort()).toEqual([...source.tasks].sort());
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('restore into a fresh database of the server brings back every table and record', async () => {
    const target = await emptyDatabase('restored');
    const restore = await cli({ DATABASE_URL: target }, 'restore', embeddedCopy);
    expect(restore).toMatchObject({ code: 0, stderr: '' });
    expect(await contents(target)).toEqual(source);
    expect(source.sessions).toEqual([
      {
        title: expect.stringMatching(/^Làm việc với UBND quận Bình Thủy/),
        venue: 'Hội trường Quận ủy Bình Thủy',
        participants: '8',
      },
    ]);
  }, 60_000);

  it('restore refuses a database that holds records unless --force, and --force replaces them', async () => {
    const target = await emptyDatabase('occupied', true);
    const other = await cli(
      { DATABASE_URL: target },
      'user:create',
      'x.other',
      '--role',
      'admin',
      '--password',
      'someone else entirely 7',
    );
    expect(other.code).toBe(0);
    const before = await contents(target);

    const refused = await cli({ DATABASE_URL: target }, 'restore', first);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Error: The database is not empty \(app_user: 1, audit_event: 1\): a restore replaces everything in it\. Add --force/,
    );
    expect(await contents(target)).toEqual(before);

    const forced = await cli({ DATABASE_URL: target }, 'restore', first, '--force');
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(await contents(target)).toEqual(source);
  }, 60_000);

  it('a file that is not a backup is refused, and the database is left as it was', async () => {
    const target = await emptyDatabase('not_a_backup');
    const bogus = path.join(dir, 'notes.txt');
    await fs.writeFile(bogus, 'not a backup');
    const result = await cli({ DATABASE_URL: target }, 'restore', bogus);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a backup of this app/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('a backup made at an older schema: restored with the migrations it was made at, then the newer ones applied', async () => {
    // A database at the first migration only, as an earlier version of the app left it.
    const oldUrl = await emptyDatabase('old_schema');
    const old = new DataSource(
      buildDataSourceOptions(
        oldUrl,
        { ...APP_SCHEMA, migrations: MIGRATIONS.slice(0, 1) },
        {
          poolSize: 2,
        },
      ),
    );
    await old.initialize();
    await runMigrationsLocked(old);
    await old.query(
      `INSERT INTO organisation (name, kind) VALUES ('Hợp tác xã Cũ', 'cooperative')`,
    );
    await old.destroy();
    const file = path.join(dir, 'old-schema.backup.gz');
    expect((await cli({ DATABASE_URL: oldUrl }, 'backup', file)).stdout).toMatch(
      new RegExp(`schema at ${MIGRATIONS[0].name}\\)`),
    );
    const expected = async (url: string) => {
      const found = await contents(url);
      expect(found.migrations).toEqual(MIGRATIONS.map((m) => m.name));
      expect(found.counts).toMatchObject({ organisation: 1, app_user: 0, working_session: 0 });
      const db = new Client({ connectionString: url });
      await db.connect();
      const { rows } = await db.query<{ name: string }>('SELECT name FROM organisation');
      await db.end();
      expect(rows).toEqual([{ name: 'Hợp tác xã Cũ' }]);
    };

    // Into an empty database: its schema built up to the backup's, loaded, then brought up to date.
    const empty = await emptyDatabase('old_into_empty');
    const restored = await cli({ DATABASE_URL: empty }, 'restore', file);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    const later = MIGRATIONS.slice(1).map((m) => m.name);
    expect(restored.stdout).toMatch(new RegExp(`; then applied ${later.join(', ')}\n$`));
    await expected(empty);

    // Over a database at the newest schema, holding records: emptied, reverted, loaded, migrated.
    const newer = await emptyDatabase('old_into_newer', true);
    expect((await cli({ DATABASE_URL: newer }, 'admin-units:import', '--dir', FIXTURE)).code).toBe(
      0,
    );
    expect((await cli({ DATABASE_URL: newer }, 'seed:demo')).code).toBe(0);
    const forced = await cli({ DATABASE_URL: newer }, 'restore', file, '--force');
    expect(forced).toMatchObject({ code: 0, stderr: '' });
    expect(forced.stdout).toMatch(/^The database's schema is newer than the backup's: reverting/);
    await expected(newer);
  }, 120_000);
});
