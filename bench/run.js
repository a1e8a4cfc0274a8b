#!/usr/bin/env node
// `npm run bench -- <command>`: the benchmark, against the built code in dist/ (see bench/README.md).
//
//   generate [--seed N] [--smoke]   a province's ten years of data, into the bench database
//   load [options]                  start and memory, the admin-unit import, every load scenario
//                                   beside the bare server, the query plans; prints the table and
//                                   writes bench/results/<time>.json and bench/results/latest.json
//   --smoke                         all of it on tiny data in a temporary database, a few requests
//                                   per scenario: proves the benchmark works (CI runs it)
//   (nothing)                       generate, then load
//
// load options: --duration S (measured seconds per run, default 5), --warmup S (default 1),
// --concurrency 1,10,50, --only REGEX (scenarios whose name and role match), --soak 10m,
// --skip start,import,plans,load, --strict (exit 1 when a target is missed, not only on failures).
const os = require('node:os');
const path = require('node:path');
const { promises: fs } = require('node:fs');
const { log, machine, seconds, table, writeJson, startApi } = require('./lib');

function parseArgs(argv) {
  const args = { command: null, flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      const next = argv[i + 1];
      const takesValue = [
        'duration',
        'warmup',
        'concurrency',
        'only',
        'soak',
        'skip',
        'seed',
      ].includes(key);
      args.flags[key] = inline ?? (takesValue && next !== undefined ? (i++, next) : true);
    } else if (!args.command) {
      args.command = arg;
    } else {
      throw new Error(`Unexpected argument: ${arg}`);
    }
  }
  return args;
}

/** "10m", "90s", "600" → seconds. */
function durationOf(text) {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(String(text));
  if (!match) throw new Error(`Not a duration: ${text} (e.g. 90s, 10m)`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] ?? 's'];
}

function fmt(value, unit = '') {
  return value === null || value === undefined || Number.isNaN(value) ? '' : `${value}${unit}`;
}

/** The targets, read off one run's results. */
function targets(results) {
  const rows = results.load ?? [];
  const find = (name, role, c) =>
    rows.find((r) => r.name === name && r.role === role && r.connections === c);
  const list = [];
  const atLeast = (name, value, min) =>
    list.push({ name, value, target: `≥ ${min}`, pass: value >= min });
  const below = (name, value, limit, unit) =>
    list.push({
      name,
      value: `${value} ${unit}`,
      target: `< ${limit} ${unit}`,
      pass: value < limit,
    });
  for (const role of ['districtOfficer', 'leadership']) {
    const taskList = find('tasks list', role, 10);
    if (taskList) atLeast(`task list c=10 as ${role}, ratio to bare`, taskList.ratioToBare, 0.8);
    const taskGet = find('tasks retrieve', role, 10);
    if (taskGet) atLeast(`task retrieve c=10 as ${role}, ratio to bare`, taskGet.ratioToBare, 0.4);
    for (const [name, label] of [
      ['district-year figures', 'district-year report, every figure'],
      ['district-year report', 'district-year report with its lists'],
    ]) {
      const district = find(name, role, 10);
      if (district) below(`${label}, JSON c=10 as ${role}, p95`, district.p95Ms, 100, 'ms');
    }
  }
  const overview = find('overview', 'leadership', 10);
  if (overview) below('overview JSON c=10, p95', overview.p95Ms, 300, 'ms');
  const start = results.start?.embedded;
  if (start) {
    below('start on the embedded database, re-open', start.reopenS, 1.5, 's');
    below('start on the embedded database, first (initdb)', start.firstS, 2.5, 's');
    below('idle RSS of the Node process', start.idleRssMB, 150, 'MB');
  }
  if (results.import) {
    below('whole-country admin-unit import, cold', results.import.cold.seconds, 5, 's');
  }
  if (results.generate?.seconds?.total) {
    below(`generate (${results.generate.scale})`, results.generate.seconds.total, 180, 's');
  }
  if (rows.length > 0) {
    const errors = rows.reduce((s, r) => s + r.errors, 0);
    const fiveXX = rows.reduce((s, r) => s + r.fiveXX, 0);
    list.push({
      name: 'errors / 5xx over every scenario',
      value: `${errors} / ${fiveXX}`,
      target: '0 / 0',
      pass: errors === 0 && fiveXX === 0,
    });
  }
  if (results.soak) {
    list.push({
      name: `RSS over the ${results.soak.durationS} s soak, growth`,
      value: `${results.soak.growthPct} %`,
      target: '≤ 10 %',
      pass: Math.abs(results.soak.growthPct) <= 10,
    });
  }
  return list;
}

function print(results) {
  const out = (text) => process.stdout.write(text);
  const m = results.machine;
  out(
    `\n${m.app} at ${m.commit ?? '(no git)'}; Node ${m.node}; ${m.cpus} × ${m.cpuModel}; ${m.memoryGiB} GiB; ` +
      `PostgreSQL ${results.database.serverVersion} (${results.database.kind})\n`,
  );
  if (results.generate) {
    const g = results.generate;
    out(
      `Data: ${g.scale} scale, seed ${g.seed}, generated in ${g.seconds?.total} s: ` +
        Object.entries(g.counts ?? {})
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') +
        '\n',
    );
  }
  if (results.start) {
    const s = results.start;
    const row = (label, x) => [
      label,
      fmt(x.firstS, ' s'),
      fmt(x.reopenS, ' s'),
      fmt(x.idleRssMB, ' MB'),
    ];
    out(
      '\n' +
        table([
          ['start to ready', 'first start (median)', 're-open (median)', 'idle RSS'],
          row('embedded PostgreSQL', s.embedded),
          ...(s.server ? [row('PostgreSQL server', s.server)] : []),
        ]),
    );
  }
  if (results.import) {
    const i = results.import;
    out(
      '\n' +
        table([
          ['admin-unit import (14,149 units, 10,633 links)', 'time'],
          ['cold (empty database)', `${i.cold.seconds} s`],
          ['warm (nothing to change)', `${i.warm.seconds} s`],
          ['the CLI command, warm, process start included', `${i.cliWarmS} s`],
          [
            `search GET /api/v1/admin-units?q=…, sequential, p50 / p95`,
            `${i.search.p50Ms} / ${i.search.p95Ms} ms`,
          ],
        ]),
    );
  }
  if (results.load) {
    out(
      '\n' +
        table([
          [
            'scenario',
            'as',
            'c',
            'req/s',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'errors',
            '× bare',
            'RSS MB',
            'made ms',
          ],
          ...results.load.map((r) => [
            r.name,
            r.role,
            r.connections,
            r.requestsPerS,
            fmt(r.p50Ms),
            fmt(r.p95Ms),
            fmt(r.p99Ms),
            r.fiveXX ? `${r.errors} (${r.fiveXX} 5xx)` : r.errors,
            fmt(r.ratioToBare),
            fmt(r.rssMB),
            fmt(r.madeMs),
          ]),
        ]),
    );
    if (results.rssAfterLoadMB)
      out(`RSS of the Node process after the load: ${results.rssAfterLoadMB} MB\n`);
  }
  if (results.plans && !results.plans.skipped) {
    const flagged = results.plans.requests.filter((r) => r.findings.length > 0 || r.status !== 200);
    out(
      `\nQuery plans: ${results.plans.requests.length} requests (every list filter, every report), ` +
        `${results.plans.requests.reduce((s, r) => s + r.statements, 0)} statements explained; ` +
        `${flagged.length} with a sequential scan of a table of ${results.plans.largeTableRows}+ rows ` +
        'that an index would beat, or an error\n',
    );
    for (const r of flagged) {
      out(`  FAIL ${r.name} as ${r.role} (${r.status}):\n`);
      for (const f of r.findings) {
        out(
          `    Seq Scan on ${f.relation} (${f.scanMs} ms; ${f.indexMs ?? '?'} ms without): ${f.query}\n`,
        );
      }
    }
    for (const r of results.plans.requests) {
      for (const n of r.notes ?? []) {
        out(
          `  note: ${r.name} as ${r.role} scans ${n.relation} (${n.rows} rows) in ${n.scanMs} ms; ` +
            `with sequential scans disabled ${n.indexMs} ms\n`,
        );
      }
    }
  }
  if (results.soak) {
    const s = results.soak;
    out(
      `\nSoak ${s.durationS} s at c=10: ${s.requests} requests, ${s.errors} errors; RSS ${s.earlyMeanMB} MB → ${s.lateMeanMB} MB (${s.growthPct} %)\n`,
    );
  }
  out(
    '\n' +
      table([
        ['target', 'measured', 'target', 'result'],
        ...results.targets.map((t) => [t.name, fmt(t.value), t.target, t.pass ? 'ok' : 'MISSED']),
      ]),
  );
}

/** Failures (not missed targets): errors, 5xx, plans that scan a large table. */
function failures(results) {
  const found = [];
  for (const r of results.load ?? []) {
    if (r.errors > 0 || r.fiveXX > 0)
      found.push(
        `${r.name} as ${r.role} c=${r.connections}: ${r.errors} errors (${JSON.stringify(r.statuses)})`,
      );
  }
  for (const r of results.plans?.requests ?? []) {
    if (r.status !== 200) found.push(`plans: ${r.name} as ${r.role} answered ${r.status}`);
    for (const f of r.findings)
      found.push(`plans: ${r.name} as ${r.role} scans ${f.relation} sequentially: ${f.query}`);
  }
  return found;
}

async function serverVersion(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

async function load(flags, { smoke = false, database: given, manifest: givenManifest } = {}) {
  const generate = require('./generate');
  const skip = new Set(
    String(flags.skip ?? '')
      .split(',')
      .filter(Boolean),
  );
  const database = given ?? (await generate.openBenchDatabase({ fresh: false }));
  const results = { date: new Date().toISOString(), smoke, machine: machine() };
  try {
    const manifest = givenManifest ?? (await generate.readManifest());
    results.database = { kind: database.kind, serverVersion: await serverVersion(database.url) };
    results.generate = {
      scale: manifest.scale,
      seed: manifest.seed,
      seconds: manifest.seconds,
      counts: manifest.counts,
    };
    const serverUrl =
      process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
    if (!skip.has('start')) {
      results.start = await require('./start').runStart({
        serverUrl,
        firsts: smoke ? 1 : 3,
        reopens: smoke ? 1 : 3,
      });
    }
    if (!skip.has('import')) {
      results.import = await require('./import').runImportBench(
        smoke ? { requests: 10, warmup: 2 } : {},
      );
    }
    if (!skip.has('load')) {
      const server = await startApi({ DATABASE_URL: database.url, DATA_DIR: null });
      try {
        const concurrency = String(flags.concurrency ?? (smoke ? '10' : '1,10,50'))
          .split(',')
          .map(Number);
        results.load = await require('./load').runLoad({
          url: database.url,
          manifest,
          server,
          concurrency,
          durationS: smoke ? undefined : durationOf(flags.duration ?? 5),
          warmupS: smoke ? undefined : durationOf(flags.warmup ?? 1),
          amount: smoke ? 10 : undefined,
          only: flags.only ? new RegExp(flags.only, 'i') : undefined,
        });
        results.rssAfterLoadMB = server.rssMB();
        if (flags.soak) {
          results.soak = await require('./load').runSoak({
            manifest,
            server,
            durationS: durationOf(flags.soak),
          });
        }
      } finally {
        await server.stop();
      }
    }
    if (!skip.has('plans')) {
      results.plans = await require('./plans').checkPlans({ database, manifest });
    }
  } finally {
    await database.close();
  }
  results.targets = targets(results);
  results.failures = failures(results);
  print(results);
  const dir = path.join(__dirname, 'results');
  const stamp = results.date.replace(/[:.]/g, '-');
  const file = path.join(dir, `${smoke ? 'smoke-' : ''}${stamp}.json`);
  await writeJson(file, results);
  await writeJson(path.join(dir, smoke ? 'smoke-latest.json' : 'latest.json'), results);
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), file)}\n`);
  if (results.failures.length > 0) {
    for (const f of results.failures) process.stderr.write(`FAILED: ${f}\n`);
    process.exitCode = 1;
  } else if (flags.strict && results.targets.some((t) => !t.pass)) {
    process.exitCode = 1;
  }
  return results;
}

async function smoke(flags) {
  const generate = require('./generate');
  const platform = require(
    path.join(__dirname, '..', 'dist', 'libs', 'platform', 'src', 'index.js'),
  );
  const started = Date.now();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-bench-smoke-'));
  await fs.chmod(dataDir, 0o755); // as root, the embedded server runs as `postgres`
  try {
    const handle = await platform.openEmbeddedPostgres({
      dataDir,
      database: 'st_bench',
      endsWithProcess: true,
    });
    const database = { kind: 'embedded', url: handle.url, dataDir, close: () => handle.stop() };
    let manifest;
    try {
      manifest = await generate.prepare(database, {
        scale: 'smoke',
        seed: Number(flags.seed ?? 1),
        out: path.join(dataDir, 'manifest.json'),
      });
    } catch (error) {
      await database.close();
      throw error;
    }
    await load(flags, { smoke: true, database, manifest });
    log(`Smoke run: ${seconds(Date.now() - started)} s`);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { command, flags } = parseArgs(process.argv.slice(2));
  if (flags.smoke && !command) return smoke(flags);
  if (command === 'generate') return require('./generate').main(process.argv.slice(3));
  if (command === 'load') return load(flags);
  if (!command) {
    await require('./generate').main([]);
    if (process.exitCode) return;
    return load(flags);
  }
  throw new Error(`Unknown command: ${command} (generate, load, or --smoke)`);
}

main().catch((error) => {
  process.stderr.write(`The benchmark failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
