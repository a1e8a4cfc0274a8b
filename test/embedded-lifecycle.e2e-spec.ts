import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { openEmbeddedPostgres } from '@app/platform';
import { ensureBuilt, waitFor } from './helpers/processes';

/**
 * The server as it runs in production, with no DATABASE_URL: `node dist/api.js` on
 * the embedded PostgreSQL of a DATA_DIR of its own. Start on an empty directory, stop and start,
 * SIGKILL and start, the CLI beside the running server, and the starts that must fail clearly.
 */

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'api.js');
const ADMIN_PASSWORD = 'lifecycle secret phrase 7';
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Proc {
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<Exit>;
}

/** Every process this file starts, and every DATA_DIR it makes: afterAll leaves none behind. */
const started: Proc[] = [];
const dataDirs: string[] = [];

function launch(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const proc = { child, pid: child.pid!, output: () => output, exited };
  started.push(proc);
  return proc;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Alive and not a zombie (a stopped orphan stays one until PID 1 reaps it). */
async function isRunning(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) [ZX] /s.test(stat);
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
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

/** Every other process's pid and arguments (read from /proc). */
async function commandLines(): Promise<{ pid: number; args: string[] }[]> {
  const lines = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const args = await fs
      .readFile(`/proc/${entry}/cmdline`, 'utf8')
      .then((raw) => raw.split('\0'))
      .catch(() => [] as string[]);
    lines.push({ pid: Number(entry), args });
  }
  return lines;
}

/** Postmaster processes whose command line holds `-D <dataDir>/postgres`. */
async function postgresOf(dataDir: string): Promise<number[]> {
  const cluster = path.join(dataDir, 'postgres');
  return (await commandLines())
    .filter(({ args }) => {
      const d = args.indexOf('-D');
      return /postgres$/.test(args[0] ?? '') && d >= 0 && args[d + 1] === cluster;
    })
    .map(({ pid }) => pid);
}

/** Processes whose command line names `dir` (initdb's --pgdata, the server's -D, ...). */
async function processesNaming(dir: string): Promise<string[]> {
  return (await commandLines())
    .filter(({ args }) => args.some((arg) => arg.includes(dir)))
    .map(({ args }) => args.join(' '));
}

/** A port another program holds on `host`, until `release`. */
async function heldPort(host: string): Promise<{ port: number; release: () => void }> {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) =>
    blocker.listen(0, host, () => resolve((blocker.address() as net.AddressInfo).port)),
  );
  return { port, release: () => blocker.close() };
}

async function makeDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-life-'));
  // As root the server runs as `postgres`, which must be able to enter the directory.
  await fs.chmod(dir, 0o755);
  dataDirs.push(dir);
  return dir;
}

describe('The server on its embedded PostgreSQL (no DATABASE_URL)', () => {
  let dataDir: string;
  let port: number;
  let server: Proc | undefined;
  let token: string;
  let organisationId: string;

  const url = (p: string, on = port) => `http://127.0.0.1:${on}${p}`;
  const api = async (p: string, init: RequestInit = {}, on = port) =>
    fetch(url(p, on), {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...init.headers,
      },
    });

  const startServer = async (env: Record<string, string> = {}, on = port): Promise<Proc> => {
    const proc = launch([MAIN], {
      PORT: String(on),
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      ...env,
    });
    let exit: Exit | undefined;
    void proc.exited.then((e) => (exit = e));
    await waitFor(`the server on port ${on} to be ready`, async () => {
      if (exit) {
        throw new Error(`The server exited (${JSON.stringify(exit)}):\n${proc.output()}`);
      }
      const res = await fetch(url('/health/ready', on)).catch(() => undefined);
      return res?.status === 200;
    });
    return proc;
  };

  const signIn = async () => {
    const res = await api('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { accessToken: string }).accessToken;
  };

  /** The pid in postmaster.pid, checked to be a live postgres of this DATA_DIR. */
  const postmasterPid = async (): Promise<number> => {
    const pid = Number(
      (await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(await postgresOf(dataDir)).toEqual([pid]);
    return pid;
  };

  /** Pids of the app processes holding a connection to the server. */
  const keepers = async (): Promise<number[]> => {
    const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
    const password = (await fs.readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
    const client = new Client({
      host: '127.0.0.1',
      port: Number(pidFile.split('\n')[3]),
      user: 'postgres',
      password,
      database: 'postgres',
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `SELECT DISTINCT application_name AS name FROM pg_stat_activity
          WHERE application_name LIKE 'st-tracker:%'`,
      );
      return rows.map((r) => Number(r.name.split(':')[1])).sort((a, b) => a - b);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = await makeDataDir();
    port = await freePort();
  }, 180_000);

  afterAll(async () => {
    for (const proc of started) {
      if (proc.child.exitCode === null && proc.child.signalCode === null)
        proc.child.kill('SIGKILL');
    }
    await Promise.all(started.map((proc) => proc.exited));
    for (const dir of dataDirs) {
      // A fast shutdown (SIGINT) of any server still holding the directory, then SIGKILL.
      for (const pid of await postgresOf(dir)) process.kill(pid, 'SIGINT');
      await waitFor(
        `the servers of ${dir} to stop`,
        async () => (await postgresOf(dir)).length === 0,
        15_000,
      ).catch(async () => {
        for (const pid of await postgresOf(dir)) process.kill(pid, 'SIGKILL');
      });
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts on an empty DATA_DIR: creates the cluster, is ready, and serves its OpenAPI document', async () => {
    expect(await fs.readdir(dataDir)).toEqual([]);
    server = await startServer();
    expect(await fs.readFile(path.join(dataDir, 'postgres', 'PG_VERSION'), 'utf8')).toMatch(/^18/);
    const pg = await postmasterPid();
    expect(await isRunning(pg)).toBe(true);
    expect((await fs.readFile(path.join(dataDir, 'postgres.owner'), 'utf8')).trim()).toBe(
      String(server.pid),
    );

    const ready = await api('/health/ready');
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'up', migrations: 'applied' },
    });
    expect((await api('/health/live')).status).toBe(200);

    const docs = await api('/docs-json');
    expect(docs.status).toBe(200);
    const openapi = (await docs.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths['/api/v1/admin-units'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(openapi.paths['/api/v1/admin-units'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400']),
    );
    expect(openapi.paths['/api/v1/organisations']).toBeDefined();
  });

  it('creates an organisation through the API', async () => {
    await signIn();
    const res = await api('/api/v1/organisations', {
      method: 'POST',
      body: JSON.stringify({ name: 'Hợp tác xã Thử Nghiệm Vòng Đời', kind: 'cooperative' }),
    });
    expect(res.status).toBe(201);
    organisationId = ((await res.json()) as { id: string }).id;
  });

  it('SIGTERM: finishes the request in flight, exits 0 and stops its PostgreSQL; a new start finds the data', async () => {
    const pg = await postmasterPid();
    // Three failed sign-ins make the fourth wait (≥ 0.4 s): a request still in flight at SIGTERM.
    const attempt = () =>
      api('/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'slow.one', password: 'not the right one' }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const inFlight = attempt();
    await sleep(100);
    server!.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(401);
    expect(await server!.exited).toEqual({ code: 0, signal: null });
    expect(await isRunning(pg)).toBe(false);
    expect(await postgresOf(dataDir)).toEqual([]);
    await expect(fs.access(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();

    server = await startServer();
    expect(await postmasterPid()).not.toBe(pg);
    // Tokens live in the database: the one from before the restart still works.
    const res = await api(`/api/v1/organisations/${organisationId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Hợp tác xã Thử Nghiệm Vòng Đời' });
  });

  it('SIGKILL: the orphaned PostgreSQL lives on; the next start stops it, starts, and the data is intact', async () => {
    const orphan = await postmasterPid();
    server!.child.kill('SIGKILL');
    expect(await server!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await sleep(300);
    expect(await isRunning(orphan)).toBe(true);
    expect(await postgresOf(dataDir)).toEqual([orphan]);

    server = await startServer();
    const pg = await postmasterPid();
    expect(pg).not.toBe(orphan);
    expect(await isRunning(orphan)).toBe(false);
    expect((await api(`/api/v1/organisations/${organisationId}`)).status).toBe(200);
  });

  it('the CLI joins the running server’s PostgreSQL: seed:demo works and the server sees the demo', async () => {
    const pg = await postmasterPid();
    const cli = launch([path.join(ROOT, 'scripts', 'run-cli.js'), 'seed:demo'], {
      DATA_DIR: dataDir,
    });
    const exit = await cli.exited;
    expect({ exit, output: cli.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: expect.stringMatching(/Demo data: created \d+ records/),
    });
    // It left the server's PostgreSQL running, and did not take it over.
    expect(await postmasterPid()).toBe(pg);
    expect((await fs.readFile(path.join(dataDir, 'postgres.owner'), 'utf8')).trim()).toBe(
      String(server!.pid),
    );

    const res = await api(
      `/api/v1/organisations?q=${encodeURIComponent('Sở Khoa học và Công nghệ thành phố Cần Thơ')}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string; kind: string }[] };
    expect(body.items).toEqual([
      expect.objectContaining({
        name: 'Sở Khoa học và Công nghệ thành phố Cần Thơ',
        kind: 'department',
      }),
    ]);
    const units = await api('/api/v1/admin-units?q=binh%20thuy&validOn=2023-08-08&level=district');
    expect(
      ((await units.json()) as { items: { code: string }[] }).items.map((u) => u.code),
    ).toEqual(['918']);
  }, 90_000);

  it('hands its PostgreSQL over to a second server of the same DATA_DIR when it stops first', async () => {
    const pg = await postmasterPid();
    const otherPort = await freePort();
    const second = await startServer({}, otherPort);
    expect(await postmasterPid()).toBe(pg); // joined, not started
    // Each app process holds a connection of its own (its keeper) for as long as it uses the server,
    // so the owner sees it even after its pool has closed idle connections (30 s).
    expect(await keepers()).toEqual([server!.pid, second.pid].sort((a, b) => a - b));

    server!.child.kill('SIGTERM');
    expect(await server!.exited).toEqual({ code: 0, signal: null });
    server = second;
    expect(await isRunning(pg)).toBe(true);
    expect((await fs.readFile(path.join(dataDir, 'postgres.owner'), 'utf8')).trim()).toBe(
      String(second.pid),
    );
    expect((await api(`/api/v1/organisations/${organisationId}`, {}, otherPort)).status).toBe(200);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(await postgresOf(dataDir)).toEqual([]);
  });

  it('a throwaway server (endsWithProcess: tests, the bench) ends with the process that started it, stopped or not', async () => {
    const dir = await makeDataDir();
    const platform = path.join(__dirname, '..', 'dist', 'libs', 'platform', 'src', 'index.js');
    // Started, then the process exits without stopping it, as a test run cut short does.
    const program = `require(${JSON.stringify(platform)})
      .openEmbeddedPostgres({ dataDir: process.argv[1], endsWithProcess: true })
      .then(() => process.exit(0))`;
    const child = spawn(process.execPath, ['-e', program, dir], { stdio: 'ignore' });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    await waitFor('the throwaway server to stop', async () => (await postgresOf(dir)).length === 0);
  });

  it("keeps the app's data in initdb's own database; a cluster an earlier version made keeps its st_tracker", async () => {
    const dir = await makeDataDir();
    const databases = async (adminUrl: string) => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>(
          'SELECT datname FROM pg_database ORDER BY datname',
        );
        return rows.map((r) => r.datname);
      } finally {
        await client.end();
      }
    };
    const created = await openEmbeddedPostgres({ dataDir: dir, endsWithProcess: true });
    try {
      expect(new URL(created.url).pathname).toBe('/postgres');
      expect(await databases(created.adminUrl)).toEqual(['postgres', 'template0', 'template1']);
      // What a cluster made by an earlier version holds: the app's database beside initdb's.
      const admin = new Client({ connectionString: created.adminUrl });
      await admin.connect();
      await admin.query('CREATE DATABASE st_tracker');
      await admin.end();
    } finally {
      await created.stop();
    }
    const earlier = await openEmbeddedPostgres({ dataDir: dir, endsWithProcess: true });
    try {
      expect(new URL(earlier.url).pathname).toBe('/st_tracker');
    } finally {
      await earlier.stop();
    }
    expect(await postgresOf(dir)).toEqual([]);
  }, 60_000);

  describe('a start that cannot work fails with a clear message and a non-zero exit', () => {
    const failedStart = async (env: Record<string, string>) => {
      const proc = launch([MAIN], {
        PORT: String(await freePort()),
        ADMIN_PASSWORD,
        LOG_LEVEL: 'warn',
        ...env,
      });
      const exit = await proc.exited;
      const output = proc.output();
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      // A message, not a stack trace.
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(output).not.toMatch(/\\n\s+at .+:\d+:\d+/);
      return output;
    };

    it('a DATA_DIR that cannot be written', async () => {
      const dir = await makeDataDir();
      let target: string;
      if (IS_ROOT) {
        // Root may write anywhere; a directory under a regular file cannot be made by anyone.
        await fs.writeFile(path.join(dir, 'a-file'), '');
        target = path.join(dir, 'a-file', 'data');
      } else {
        target = path.join(dir, 'read-only');
        await fs.mkdir(target, { mode: 0o500 });
      }
      const output = await failedStart({ DATA_DIR: target });
      expect(output).toContain(`DATA_DIR ${target} is not writable`);
    });

    it('a cluster directory holding something else', async () => {
      const dir = await makeDataDir();
      await fs.mkdir(path.join(dir, 'postgres'));
      await fs.writeFile(path.join(dir, 'postgres', 'notes.txt'), 'not a database');
      const output = await failedStart({ DATA_DIR: dir });
      expect(output).toContain(
        `${path.join(dir, 'postgres')} exists but holds no PostgreSQL cluster`,
      );
      expect(await fs.readdir(path.join(dir, 'postgres'))).toEqual(['notes.txt']);
    });

    // The first start begins initdb before it has read the rest of its configuration (main.ts): a
    // start refused after that stops initdb and takes back what it made.
    it('a refused configuration on a new DATA_DIR: exit 78, and no cluster or directory left behind', async () => {
      const target = path.join(await makeDataDir(), 'new-data');
      const proc = launch([MAIN], { DATA_DIR: target, ADMIN_PASSWORD, LOG_LEVEL: 'loud' });
      const exit = await proc.exited;
      expect(exit.code).toBe(78);
      expect(proc.output()).toMatch(/^Invalid configuration:\n {2}LOG_LEVEL="loud": /);
      await expect(fs.access(target)).rejects.toThrow();
      expect(await processesNaming(target)).toEqual([]);
    });

    it('a busy HTTP port on an existing, empty DATA_DIR: one line, and the DATA_DIR left empty', async () => {
      const dir = await makeDataDir();
      const taken = await heldPort('0.0.0.0');
      try {
        const proc = launch([MAIN], { PORT: String(taken.port), DATA_DIR: dir, ADMIN_PASSWORD });
        expect((await proc.exited).code).toBe(1);
        expect(proc.output()).toContain(`port ${taken.port} on 0.0.0.0 is already in use`);
      } finally {
        taken.release();
      }
      expect(await fs.readdir(dir)).toEqual([]);
      expect(await processesNaming(dir)).toEqual([]);
    });

    it('a fixed PostgreSQL port another program holds', async () => {
      const dir = await makeDataDir();
      const taken = await heldPort('127.0.0.1');
      try {
        const output = await failedStart({
          DATA_DIR: dir,
          EMBEDDED_POSTGRES_PORT: String(taken.port),
        });
        expect(output).toContain(`port ${taken.port} on 127.0.0.1 is already taken`);
      } finally {
        taken.release();
      }
      expect(await postgresOf(dir)).toEqual([]);
    });

    it('as root, a cluster already in a folder the postgres user cannot enter, naming the folder', async () => {
      // Only root runs the server as another user (postgres) who may be shut out. A new cluster
      // would be kept where postgres can reach it (embedded-as-root.e2e-spec.ts); an existing one
      // is never moved behind the administrator's back.
      if (!IS_ROOT) return;
      const dir = await makeDataDir();
      const closed = path.join(dir, 'closed');
      await fs.mkdir(path.join(closed, 'data', 'postgres'), { recursive: true });
      await fs.chmod(closed, 0o700);
      const output = await failedStart({ DATA_DIR: path.join(closed, 'data') });
      expect(output).toMatch(new RegExp(`cannot enter ${closed} to reach the cluster`));
    });
  });
});
