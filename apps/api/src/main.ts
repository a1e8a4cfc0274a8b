import { keepCompiledCode, loadApp } from './compile-cache';
import * as net from 'node:net';
import type Pino from 'pino';
import { createClusterEarly, resolveDataDir } from '@app/platform/early';
import type * as Start from '@app/platform/start';

/**
 * What the start loads once initdb runs: the configuration's checks (class-validator), the logger,
 * the password hashing. Loaded first, they kept initdb waiting about a tenth of a second. By a
 * relative path: Nest's build rewrites the library's alias in imports, not in a require.
 */
function loadStart(): { start: typeof Start; pino: typeof Pino } {
  return {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    start: require('../../../libs/platform/src/start') as typeof Start,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pino: (require('pino') as { pino: typeof Pino }).pino,
  };
}

/** Why the HTTP port cannot be listened on, in words; undefined for any other error. */
function listenProblem(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use by another program: stop it, or set PORT to a free port`;
  }
  if (code === 'EACCES') {
    return `port ${port} on ${host} needs privileges this process does not have: set PORT to 1024 or above`;
  }
  if (code === 'EADDRNOTAVAIL') return `HOST ${host} is not an address of this machine`;
  return undefined;
}

/** Tries the port before anything starts, so a busy port fails fast and in one line. */
async function checkPort(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return undefined;
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error) => resolve(listenProblem(error, port, host) ?? error.message));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

/**
 * Starts the API: validated configuration, the database (DATABASE_URL or the embedded PostgreSQL in
 * DATA_DIR), then HTTP. SIGTERM/SIGINT drain in-flight requests, close the pool, then stop the
 * embedded server. The app's modules (Nest, TypeORM and the rest: the longest part of a start)
 * load while the embedded PostgreSQL starts in its own process.
 */
function noop(): void {}

async function main(): Promise<void> {
  let launched!: () => void;
  const childRunning = new Promise<void>((resolve) => (launched = resolve));
  let newCluster = false;
  const creating = () => (newCluster = true);
  // What is said before the logger exists (it needs LOG_LEVEL, checked below) waits for it.
  const pending: string[] = [];
  let say = (message: string): void => {
    pending.push(message);
  };
  // The embedded PostgreSQL's first start (initdb) begins before the rest loads. DATABASE_URL,
  // valid or not, means no embedded server; any DATA_DIR is a path. A start refused below stops it
  // and removes what it made.
  const early = process.env.DATABASE_URL
    ? undefined
    : createClusterEarly(resolveDataDir(process.env.DATA_DIR), {
        log: (message) => say(message),
        launched,
        creating,
      });
  // Its checks are a few file operations, whose callbacks the loading below would hold up.
  if (early) await Promise.race([childRunning, early.created.then(noop, noop)]);

  const { start, pino } = loadStart();
  let config;
  try {
    config = start.loadConfig();
  } catch (error) {
    await early?.abandon();
    if (error instanceof start.ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, name: 'bootstrap' });
  say = (message) => log.info(message);
  for (const message of pending.splice(0)) say(message);

  const busy = await checkPort(config.port, config.host);
  if (busy) {
    await early?.abandon();
    log.fatal(`The API could not start: ${busy}`);
    process.exit(1);
  }

  let urlKnown!: (url: string) => void;
  const databaseUrl = new Promise<string>((resolve) => (urlKnown = resolve));
  const opening = start.openDatabase(config, (message) => say(message), {
    launched,
    creating,
    early,
    urlKnown,
  });
  // Its checks run first (they need this process's event loop, which the loading blocks).
  await Promise.race([childRunning, opening.then(noop, noop)]);
  const { createApiApp, createGeneratedAdmin, DomainError } = loadApp();
  // A new cluster holds an empty database, where the start creates the account `admin`. initdb
  // usually outlasts the loading above: the password (ADMIN_PASSWORD's or a generated one) is
  // hashed in that wait, on a thread of its own, rather than after the migrations.
  let adminPassword = config.adminPassword;
  if (newCluster) {
    adminPassword ??= start.generatePassword('admin');
    void start.hashPasswordAhead(adminPassword);
  }

  // The app is put together, set up and its routes registered while the database opens (the
  // first start's initdb usually outlasts the loading): its URL is known early (urlKnown), and
  // app.init() connects and migrates once it is open, before the bootstrap hooks.
  let app: Awaited<ReturnType<typeof createApiApp>> | undefined;
  const initialising = createApiApp(config, databaseUrl, undefined, opening).then(
    async (created) => {
      app = created;
      await created.init();
    },
  );
  initialising.catch(noop); // a failure is told below, once the database's own is ruled out

  let database;
  try {
    database = await opening;
  } catch (error) {
    log.fatal(
      error instanceof start.EmbeddedDatabaseError ? error.message : { err: error },
      'Cannot open the database',
    );
    process.exit(1);
  }

  let generatedPassword: string | undefined;
  try {
    await initialising;
    if (!config.adminPassword) generatedPassword = await createGeneratedAdmin(app!, adminPassword);
    await app!.listen(config.port, config.host);
  } catch (error) {
    // A known problem (a port in use, an ADMIN_PASSWORD the rules refuse) is told plainly, in one
    // line without a stack.
    const problem = listenProblem(error, config.port, config.host);
    const known = error instanceof DomainError || problem !== undefined;
    log.fatal(
      known ? {} : { err: error },
      `The API could not start: ${problem ?? (error as Error).message}`,
    );
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
  const listening = app!;
  log.info(
    `API listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} ` +
      `(docs at /docs, database: ${database.kind === 'embedded' ? `embedded in ${config.dataDir}` : 'DATABASE_URL'})`,
  );
  keepCompiledCode();
  if (generatedPassword) {
    // Shown once, at warn so that LOG_LEVEL=warn still shows it; nothing keeps it.
    log.warn(
      `Created the account "admin" with the password ${generatedPassword} (shown only now; ` +
        'change it after signing in, or set a new one with: npm run cli -- user:reset-password admin)',
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      log.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      await listening.close();
      await database.close();
      log.info('Stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'Error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
