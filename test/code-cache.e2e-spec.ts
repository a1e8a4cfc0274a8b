import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ensureBuilt,
  killAll,
  ROOT,
  run,
  type Server,
  startServer,
  waitFor,
} from './helpers/processes';
import { createTestDatabase, dropTestDatabase } from './support/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startCommand } = require('../scripts/start-command') as {
  startCommand: () => { flags: string[]; entry: string };
};

/**
 * `npm start` (dist/api.js, scripts/api-entry.js) keeps the code V8 compiled for a start in
 * CODE_CACHE_DIR, and the next start of the same build runs from it: the same server, sooner. A
 * start with none of its own runs from the one the build made (dist/api.v8cache). A cache it
 * cannot trust or use is never a reason not to start.
 */
describe('The compiled code kept between starts (dist/api.js)', () => {
  const ADMIN_PASSWORD = 'code cache secret 2026';
  let url: string;
  let parent: string;

  beforeAll(async () => {
    await ensureBuilt();
    url = await createTestDatabase({ label: 'codecache' });
    parent = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-code-cache-test-'));
  }, 180_000);

  afterAll(async () => {
    await killAll();
    if (url) await dropTestDatabase(url);
    if (parent) await fs.rm(parent, { recursive: true, force: true });
  });

  const start = (cacheDir: string) =>
    startServer({ DATABASE_URL: url, ADMIN_PASSWORD, LOG_LEVEL: 'warn', CODE_CACHE_DIR: cacheDir });

  /** The cache files in a directory, with what identifies each write (a new file each time). */
  const cacheFiles = async (dir: string) => {
    const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.v8cache'));
    return Promise.all(
      names.map(async (name) => {
        const stat = await fs.stat(path.join(dir, name));
        return { name, ino: stat.ino, size: stat.size };
      }),
    );
  };

  /** What a user of the server sees: a validated request, Swagger UI's files, a sign-in. */
  const serves = async (server: Server) => {
    const base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const signedIn = (await login.json()) as { accessToken: string };
    // On a failure, what the server answered and said shows why.
    expect({ status: login.status, body: signedIn, output: server.output() }).toMatchObject({
      status: 200,
    });
    const { accessToken } = signedIn;
    const invalid = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ bogus: 1 }),
    });
    expect(invalid.status).toBe(400);
    // Swagger UI's files come through @fastify/static, which Nest loads only when asked for.
    const ui = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(ui.status).toBe(200);
  };

  const waitForCache = (dir: string) =>
    waitFor(
      `a code cache in ${dir}`,
      async () => {
        const files = await cacheFiles(dir);
        return files.length > 0 ? files : undefined;
      },
      15_000,
    );

  it('a start writes the cache once it listens; the next start runs from it without writing again', async () => {
    const dir = path.join(parent, 'kept');
    const first = await start(dir);
    const written = await waitForCache(dir);
    expect(written).toHaveLength(1);
    expect(written[0].size).toBeGreaterThan(500_000);
    expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
    await serves(first);
    expect(await first.stop()).toBe(0);

    const second = await start(dir);
    await serves(second);
    expect(await second.stop()).toBe(0);
    // Written as a new file each time: the same one means the second start took it as it was.
    expect(await cacheFiles(dir)).toEqual(written);
  }, 120_000);

  it('a cache V8 refuses (damaged, or from another build) is replaced; the start goes on', async () => {
    const dir = path.join(parent, 'damaged');
    const first = await start(dir);
    const [written] = await waitForCache(dir);
    expect(await first.stop()).toBe(0);
    await fs.writeFile(path.join(dir, written.name), Buffer.alloc(written.size, 7));

    const second = await start(dir);
    await serves(second);
    expect(await second.stop()).toBe(0);
    const [replaced] = await cacheFiles(dir);
    expect(replaced.name).toBe(written.name);
    expect(replaced.ino).not.toBe(written.ino);
    expect(
      (await fs.readFile(path.join(dir, replaced.name))).equals(Buffer.alloc(replaced.size, 7)),
    ).toBe(false);
  }, 120_000);

  /** What V8 says of the build's cache for the two files, run with `flags`: refused or not. */
  const buildCacheRefused = async (flags: string[]) => {
    const check = `
      const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
      const dist = require('node:path').join(process.cwd(), 'dist');
      const build = /const BUILD = '([^']+)'/.exec(fs.readFileSync(dist + '/api.js', 'latin1'))[1];
      const data = fs.readFileSync(dist + '/api.v8cache');
      const header = Buffer.from(build + '\\n');
      if (!data.subarray(0, header.length).equals(header)) throw new Error('made for another build');
      const rest = data.subarray(header.length), firstLength = rest.readUInt32LE(0);
      const parts = { 'main.js': rest.subarray(4, 4 + firstLength), 'server.js': rest.subarray(4 + firstLength) };
      console.log(JSON.stringify(Object.entries(parts).map(([file, cachedData]) => new vm.Script(
        Module.wrap(fs.readFileSync(dist + '/' + file, 'latin1')), { cachedData }).cachedDataRejected)));`;
    const result = await run([...flags, '-e', check], {});
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as boolean[];
  };

  it('the build’s cache is one V8 takes under npm start’s flags (and refuses under others)', async () => {
    const { flags } = startCommand();
    expect(flags.length).toBeGreaterThan(0);
    expect(await buildCacheRefused(flags)).toEqual([false, false]);
    expect(await buildCacheRefused([])).toEqual([true, true]);
  });

  it('a start as npm start runs it, with no cache of its own, runs from the build’s and then keeps its own', async () => {
    const dir = path.join(parent, 'first');
    const server = await startServer(
      { DATABASE_URL: url, ADMIN_PASSWORD, LOG_LEVEL: 'warn', CODE_CACHE_DIR: dir },
      undefined,
      ROOT,
      startCommand().flags,
    );
    await serves(server);
    const [own] = await waitForCache(dir);
    expect(own.size).toBeGreaterThan(500_000);
    expect(await server.stop()).toBe(0);
  }, 60_000);

  it('a start does not keep in memory the cache it ran from', async () => {
    const dir = path.join(parent, 'memory');
    const report = path.join(parent, 'memory.json');
    // Told to, the server collects its garbage and says what memory it holds outside V8's heap.
    const reporter = path.join(parent, 'report-memory.js');
    await fs.writeFile(
      reporter,
      `process.on('SIGUSR2', () => {
        require('node:v8').setFlagsFromString('--expose-gc');
        require('node:vm').runInNewContext('gc')();
        require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.memoryUsage()));
      });`,
    );
    const flags = [...startCommand().flags, '-r', reporter];
    const env = { DATABASE_URL: url, ADMIN_PASSWORD, LOG_LEVEL: 'warn', CODE_CACHE_DIR: dir };
    const first = await startServer(env, undefined, ROOT, flags);
    const [own] = await waitForCache(dir);
    expect(await first.stop()).toBe(0);

    const second = await startServer(env, undefined, ROOT, flags);
    await serves(second);
    process.kill(second.pid, 'SIGUSR2');
    const reported = await waitFor(
      'the server to report its memory',
      () => fs.readFile(report, 'utf8').catch(() => undefined),
      10_000,
    );
    const { arrayBuffers } = JSON.parse(reported) as { arrayBuffers: number };
    expect(await second.stop()).toBe(0);
    // It ran from the cache (a start that does not rewrites it), and let go of its bytes.
    expect(await cacheFiles(dir)).toEqual([own]);
    expect(own.size).toBeGreaterThan(500_000);
    expect(arrayBuffers).toBeLessThan(own.size / 4);
  }, 120_000);

  it('a directory others may write to is not used: code found there could be anyone’s', async () => {
    const dir = path.join(parent, 'shared');
    await fs.mkdir(dir);
    await fs.chmod(dir, 0o777);
    const server = await start(dir);
    await serves(server);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await server.stop()).toBe(0);
    expect(await fs.readdir(dir)).toEqual([]);
  }, 60_000);
});
