// The whole-country import of the official administrative units (14,149 units, 10,633 successor
// links) on a fresh database: cold (empty database) and warm (run again: nothing to change),
// in-process (read + check + write in one transaction) and through the real CLI program; then the
// admin-unit search `GET /api/v1/admin-units?q=…&validOn=…`, sequential, against the built server.
const { spawn } = require('node:child_process');
const { promises: fs } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { ROOT, DIST, log, seconds, percentile, timed, startApi, signIn } = require('./lib');

const platform = require(path.join(DIST, 'libs', 'platform', 'src', 'index.js'));
const registry = require(path.join(DIST, 'libs', 'registry', 'src', 'index.js'));
const { APP_SCHEMA } = require(path.join(DIST, 'apps', 'api', 'src', 'schema.js'));

const TARGETS = { coldImportS: 5, warmImportS: 5 };
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
  const handle = await platform.openEmbeddedPostgres({
    dataDir,
    database: 'st_bench',
    endsWithProcess: true,
  });
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

async function benchListQuery(url, { requests: REQUESTS, warmup: WARMUP }) {
  const server = await startApi({ DATABASE_URL: url, ADMIN_PASSWORD });
  try {
    const accessToken = await signIn(server.base, { username: 'admin', password: ADMIN_PASSWORD });
    const headers = { authorization: `Bearer ${accessToken}` };
    const request = async (i) => {
      const q = QUERIES[i % QUERIES.length];
      const validOn = DATES[Math.floor(i / QUERIES.length) % DATES.length];
      const started = process.hrtime.bigint();
      const res = await fetch(
        `${server.base}/api/v1/admin-units?q=${encodeURIComponent(q)}&validOn=${validOn}`,
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
      warmup: WARMUP,
      p50Ms: +percentile(times, 50).toFixed(2),
      p95Ms: +percentile(times, 95).toFixed(2),
      p99Ms: +percentile(times, 99).toFixed(2),
      maxMs: +times[times.length - 1].toFixed(2),
      requestsPerS: Math.round((REQUESTS / wallMs) * 1000),
    };
    log(`Admin-unit search: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await server.stop();
  }
}

/** Runs the import and admin-unit search benchmarks; `requests`/`warmup` size the search. */
async function runImportBench({ requests = 200, warmup = 20 } = {}) {
  const database = await openFreshDatabase();
  try {
    const imports = await benchImport(database.url);
    const cli = await benchCliImport(database.url);
    const list = await benchListQuery(database.url, { requests, warmup });
    const perS = (ms) => Math.round(imports.rows / (ms / 1000));
    return {
      database: database.kind,
      units: imports.units,
      rows: imports.rows,
      parseS: seconds(imports.parse.ms),
      cold: { seconds: seconds(imports.cold.ms), rowsPerS: perS(imports.cold.ms) },
      warm: { seconds: seconds(imports.warm.ms), rowsPerS: perS(imports.warm.ms) },
      cliWarmS: seconds(cli.ms),
      search: {
        path: '/api/v1/admin-units?q=…&validOn=…',
        queries: QUERIES,
        dates: DATES,
        ...list,
      },
      targets: [
        {
          name: 'admin-unit import, cold',
          value: seconds(imports.cold.ms),
          unit: 's',
          target: TARGETS.coldImportS,
        },
        {
          name: 'admin-unit import, warm',
          value: seconds(imports.warm.ms),
          unit: 's',
          target: TARGETS.warmImportS,
        },
      ].map((t) => ({ ...t, pass: t.value < t.target })),
    };
  } finally {
    await database.close();
  }
}

module.exports = { runImportBench };
