#!/usr/bin/env node
// `npm run bench`: data-scale benchmarks on a fresh database, against the built code in dist/.
//
//   1. The whole-country import of the official administrative units (14,149 units, 10,633
//      successor links): cold (empty database) and warm (run again: nothing to change), in-process
//      (read + check + write in one transaction) and through the real CLI program.
//   2. The list query: sequential GET /api/v1/admin-units?q=…&validOn=… against the built server.
//
// Database: BENCH_DATABASE_URL or DATABASE_URL (a new database is created on that server and
// dropped afterwards), else an embedded PostgreSQL in a temporary DATA_DIR.
// Prints a table, writes bench/results/latest.json, exits 1 when a target is missed.
//
// Options (environment): BENCH_REQUESTS (default 200), BENCH_WARMUP (default 20).
const { spawn } = require('node:child_process');
const { promises: fs } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const platform = require(path.join(DIST, 'libs', 'platform', 'src', 'index.js'));
const registry = require(path.join(DIST, 'libs', 'registry', 'src', 'index.js'));
const { APP_SCHEMA } = require(path.join(DIST, 'apps', 'api', 'src', 'schema.js'));

const TARGETS = { coldImportS: 30, warmImportS: 10 };
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const ADMIN_PASSWORD = 'bench secret phrase 2026';

/** Searches a user types, on a date before and one after the 2025 reform. */
const QUERIES = [
  'binh thuy',
  'thoi an dong',
  'ha noi',
  'can tho',
  'phuong 1',
  'tan',
  'long',
  'xa an',
  'nguyen',
  'son',
  'thanh pho',
  'Hòa',
];
const DATES = ['2023-08-08', '2025-08-01'];

function log(message) {
  process.stderr.write(`${message}\n`);
}

function seconds(ms) {
  return Math.round(ms) / 1000;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh database: a new one on the given server, or an embedded server in a temp directory. */
async function openFreshDatabase() {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `st_bench_${Date.now().toString(36)}_${process.pid}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'server',
      url: url.toString(),
      async close() {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-bench-'));
  await fs.chmod(dataDir, 0o755); // as root, the server runs as `postgres` and must enter it
  const started = Date.now();
  const handle = await platform.openEmbeddedPostgres({ dataDir, database: 'st_bench' });
  log(`Embedded PostgreSQL created and started in ${seconds(Date.now() - started)} s`);
  return {
    kind: 'embedded',
    url: handle.url,
    async close() {
      await handle.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function timed(fn) {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Runs a program to its end; resolves with its exit code and output. */
function runProgram(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function benchImport(url) {
  const dataSource = new DataSource(
    platform.buildDataSourceOptions(url, APP_SCHEMA, { poolSize: 2 }),
  );
  await dataSource.initialize();
  try {
    await platform.runMigrationsLocked(dataSource);
    const parse = await timed(() => registry.readReferenceData());
    const data = parse.value;
    const rows = data.units.length + data.successors.length;
    log(`Reference data: ${data.units.length} units, ${data.successors.length} successor links`);

    const importOnce = () =>
      timed(async () => registry.importAdminUnits(dataSource, await registry.readReferenceData()));
    const cold = await importOnce();
    log(`Cold import: ${seconds(cold.ms)} s ${JSON.stringify(cold.value)}`);
    if (cold.value.inserted !== data.units.length) {
      throw new Error(`The cold import inserted ${cold.value.inserted} of ${data.units.length}`);
    }
    if (cold.value.successorsAdded !== data.successors.length) {
      throw new Error(`The cold import linked ${cold.value.successorsAdded} successors`);
    }
    const warm = await importOnce();
    log(`Warm import: ${seconds(warm.ms)} s ${JSON.stringify(warm.value)}`);
    const changed =
      warm.value.inserted +
      warm.value.updated +
      warm.value.successorsAdded +
      warm.value.successorsRemoved;
    if (changed !== 0) throw new Error(`The warm import changed ${changed} rows`);
    return { rows, units: data.units.length, parse, cold, warm };
  } finally {
    await dataSource.destroy();
  }
}

/** The same warm import as a user runs it: the built CLI program, process start included. */
async function benchCliImport(url) {
  const cli = path.join(DIST, 'apps', 'cli', 'src', 'main.js');
  const run = await timed(() =>
    runProgram([cli, 'admin-units:import'], { DATABASE_URL: url, LOG_LEVEL: 'warn' }),
  );
  if (run.value.code !== 0) throw new Error(`The CLI import failed:\n${run.value.output}`);
  if (!/Nothing to change/.test(run.value.output)) {
    throw new Error(`The CLI import changed something:\n${run.value.output}`);
  }
  log(`CLI warm import (whole command): ${seconds(run.ms)} s`);
  return run;
}

async function benchListQuery(url) {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(DIST, 'apps', 'api', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stdout.on('data', (chunk) => (stderr += chunk));
  server.stderr.on('data', (chunk) => (stderr += chunk));
  let exited = false;
  server.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) throw new Error(`The server exited:\n${stderr}`);
      const res = await fetch(`${base}/health/ready`).catch(() => undefined);
      if (res?.status === 200) break;
      if (Date.now() > deadline) throw new Error('The server did not become ready in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Login failed: ${login.status}`);
    const { accessToken } = await login.json();
    const headers = { authorization: `Bearer ${accessToken}` };

    const request = async (i) => {
      const q = QUERIES[i % QUERIES.length];
      const validOn = DATES[Math.floor(i / QUERIES.length) % DATES.length];
      const started = process.hrtime.bigint();
      const res = await fetch(
        `${base}/api/v1/admin-units?q=${encodeURIComponent(q)}&validOn=${validOn}`,
        { headers },
      );
      const body = await res.json();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      return { ms, total: body.total };
    };
    for (let i = 0; i < WARMUP; i++) await request(i);
    const probe = await request(0); // q=binh thuy on 2023-08-08: the district and a ward
    if (probe.total < 2) throw new Error(`q=binh thuy found ${probe.total} units`);
    const times = [];
    const started = Date.now();
    for (let i = 0; i < REQUESTS; i++) times.push((await request(i)).ms);
    const wallMs = Date.now() - started;
    times.sort((a, b) => a - b);
    const result = {
      requests: REQUESTS,
      p50Ms: +percentile(times, 50).toFixed(2),
      p95Ms: +percentile(times, 95).toFixed(2),
      p99Ms: +percentile(times, 99).toFixed(2),
      maxMs: +times[times.length - 1].toFixed(2),
      requestsPerS: Math.round((REQUESTS / wallMs) * 1000),
    };
    log(`List query: ${JSON.stringify(result)}`);
    return result;
  } finally {
    if (!exited) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  }
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) =>
    r
      .map((cell, c) => String(cell).padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)]
    .join('\n')
    .concat('\n');
}

async function main() {
  const database = await openFreshDatabase();
  let imports;
  let cli;
  let list;
  let serverVersion;
  try {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    serverVersion = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
    imports = await benchImport(database.url);
    cli = await benchCliImport(database.url);
    list = await benchListQuery(database.url);
  } finally {
    await database.close();
  }

  const perS = (ms) => Math.round(imports.rows / (ms / 1000));
  const checks = [
    {
      name: 'cold import',
      seconds: seconds(imports.cold.ms),
      targetS: TARGETS.coldImportS,
    },
    {
      name: 'warm import',
      seconds: seconds(imports.warm.ms),
      targetS: TARGETS.warmImportS,
    },
  ].map((check) => ({ ...check, pass: check.seconds < check.targetS }));

  process.stdout.write(
    `\nDatabase: ${database.kind === 'embedded' ? 'embedded' : 'server'} PostgreSQL ${serverVersion}; ` +
      `Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}\n\n`,
  );
  process.stdout.write(
    table([
      ['benchmark', 'wall time', 'rows', 'rows/s', 'target', 'result'],
      [
        'parse + check the CSV files',
        `${seconds(imports.parse.ms)} s`,
        imports.rows,
        perS(imports.parse.ms),
        '',
        '',
      ],
      [
        'import, cold (empty database)',
        `${seconds(imports.cold.ms)} s`,
        imports.rows,
        perS(imports.cold.ms),
        `< ${TARGETS.coldImportS} s`,
        checks[0].pass ? 'ok' : 'FAIL',
      ],
      [
        'import, warm (nothing to change)',
        `${seconds(imports.warm.ms)} s`,
        imports.rows,
        perS(imports.warm.ms),
        `< ${TARGETS.warmImportS} s`,
        checks[1].pass ? 'ok' : 'FAIL',
      ],
      [
        'npm run cli -- admin-units:import, warm',
        `${seconds(cli.ms)} s`,
        imports.rows,
        perS(cli.ms),
        '',
        '',
      ],
    ]),
  );
  process.stdout.write('\n');
  process.stdout.write(
    table([
      ['list query', 'requests', 'p50', 'p95', 'p99', 'max', 'req/s'],
      [
        'GET /api/v1/admin-units?q=…&validOn=… (sequential)',
        list.requests,
        `${list.p50Ms} ms`,
        `${list.p95Ms} ms`,
        `${list.p99Ms} ms`,
        `${list.maxMs} ms`,
        list.requestsPerS,
      ],
    ]),
  );

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    database: { kind: database.kind, serverVersion },
    import: {
      units: imports.units,
      rows: imports.rows,
      parseS: seconds(imports.parse.ms),
      cold: { seconds: seconds(imports.cold.ms), rowsPerS: perS(imports.cold.ms) },
      warm: { seconds: seconds(imports.warm.ms), rowsPerS: perS(imports.warm.ms) },
      cliWarmS: seconds(cli.ms),
    },
    listQuery: {
      path: '/api/v1/admin-units?q=…&validOn=…',
      queries: QUERIES,
      dates: DATES,
      warmup: WARMUP,
      ...list,
    },
    targets: checks,
    pass: checks.every((c) => c.pass),
  };
  await fs.mkdir(path.join(__dirname, 'results'), { recursive: true });
  const file = path.join(__dirname, 'results', 'latest.json');
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
  process.stdout.write(`\nWrote ${path.relative(ROOT, file)}\n`);
  if (!results.pass) {
    for (const c of checks.filter((c) => !c.pass)) {
      process.stderr.write(
        `Target missed: ${c.name} took ${c.seconds} s (target < ${c.targetS} s)\n`,
      );
    }
    process.exitCode = 1;
  }
}

main().catch((error) => {
  process.stderr.write(`The benchmark failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
