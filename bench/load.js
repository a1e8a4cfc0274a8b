// The load scenarios: the built API server on the generated data, driven by autocannon from
// 127.0.0.1, beside the bare node:http + pg server (bench/bare.js) answering the task list and
// retrieve with the same SQL, so each figure also reads as a ratio to what Node and PostgreSQL do
// with no framework.
const { spawn } = require('node:child_process');
const { writeFileSync, rmSync, mkdtempSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { Pool } = require('undici');
const { log, percentile, startApi, startServerProcess, signIn } = require('./lib');

/** Every list scenario: a filter, a sort, the total, pages 1 to 10 in turn. */
const LISTS = {
  tasks: (p) => `/api/v1/tasks?status=open&sort=dueDate&pageSize=20&page=${p}`,
  'working-sessions': (p, m) =>
    `/api/v1/working-sessions?year=${m.report.year}&sort=-startsAt&pageSize=20&page=${p}`,
  'ip-registrations': (p) =>
    `/api/v1/ip-registrations?status=granted&sort=name&pageSize=20&page=${p}`,
  enterprises: (p) => `/api/v1/enterprises?legalForm=llc&sort=name&pageSize=20&page=${p}`,
  projects: (p) => `/api/v1/projects?status=in_progress&sort=-createdAt&pageSize=20&page=${p}`,
};

/** The manifest's sample ids of each resource. */
const SAMPLES = {
  tasks: 'tasks',
  'working-sessions': 'workingSessions',
  'ip-registrations': 'ipRegistrations',
  enterprises: 'enterprises',
  projects: 'projects',
};

/**
 * Who writes each resource (docs/ACCESS.md): sessions and tasks are the Department's, the
 * district's own registers are the district officer's. `create(n)` is a new record's body,
 * `change(n)` a PATCH that really changes something (a no-op PATCH writes nothing).
 */
function writers(m) {
  const made = m.samples.create;
  // The generator's create bodies pass as their role; each new record gets its own name.
  const body = (kind, field) => (n) => ({
    ...made[kind].body,
    [field]: `${made[kind].body[field]} ${n}`,
  });
  return {
    tasks: {
      role: made.task.role,
      create: body('task', 'title'),
      change: (n) => ({ description: `Bổ sung số liệu lần ${n}` }),
    },
    'working-sessions': {
      role: made.workingSession.role,
      create: body('workingSession', 'title'),
      change: (n) => ({ summary: `Tóm tắt buổi làm việc, bản ${n}` }),
    },
    'ip-registrations': {
      role: made.ipRegistration.role,
      create: body('ipRegistration', 'name'),
      change: (n) => ({ notes: `Đã bổ sung hồ sơ lần ${n}` }),
    },
    enterprises: {
      role: made.enterprise.role,
      create: body('enterprise', 'name'),
      change: (n) => ({ address: `Số ${n}, đường Võ Văn Kiệt` }),
    },
    projects: {
      role: made.project.role,
      create: body('project', 'title'),
      change: (n) => ({ description: `Điều chỉnh nội dung lần ${n}` }),
    },
  };
}

function reports(m) {
  const { adminUnitId, year } = m.report;
  const district = `/api/v1/reports/district-activity?adminUnitId=${adminUnitId}&year=${year}`;
  const overview = `/api/v1/reports/overview?year=${year}`;
  const followUp = `/api/v1/reports/task-follow-up?from=${year}-01-01&to=${year}-12-31`;
  return [
    { name: 'district-year report', path: district, role: 'leadership' },
    { name: 'district-year report', path: district, role: 'districtOfficer' },
    { name: 'district-year figures', path: `${district}&items=none`, role: 'leadership' },
    { name: 'district-year figures', path: `${district}&items=none`, role: 'districtOfficer' },
    { name: 'district-year report, XLSX', path: `${district}&format=xlsx`, role: 'leadership' },
    { name: 'overview', path: overview, role: 'leadership' },
    { name: 'overview, XLSX', path: `${overview}&format=xlsx`, role: 'leadership' },
    { name: 'task follow-up', path: followUp, role: 'leadership' },
    { name: 'task follow-up, XLSX', path: `${followUp}&format=xlsx`, role: 'leadership' },
  ];
}

/**
 * The scenarios in the order they run. A scenario's `request(context, i)` makes the i-th request;
 * `onResponse` sees each answer (to keep ETags and new ids).
 */
function scenarios(m) {
  const list = [];
  const write = writers(m);
  const created = {};
  for (const [resource, pathOf] of Object.entries(LISTS)) {
    for (const role of ['districtOfficer', 'leadership']) {
      list.push({
        resource,
        op: 'list',
        role,
        bare:
          resource === 'tasks' ? (role === 'districtOfficer' ? 'list-district' : 'list') : 'list',
        request: (_context, i) => ({ method: 'GET', path: pathOf(1 + (i % 10), m) }),
      });
    }
    const ids = m.samples[SAMPLES[resource]];
    for (const role of ['districtOfficer', 'leadership']) {
      list.push({
        resource,
        op: 'retrieve',
        role,
        bare: resource === 'tasks' && role === 'districtOfficer' ? 'retrieve-district' : 'retrieve',
        request: (_context, i) => ({
          method: 'GET',
          path: `/api/v1/${resource}/${ids[i % ids.length]}`,
        }),
      });
    }
  }
  for (const [resource, w] of Object.entries(write)) {
    created[resource] = [];
    list.push({
      resource,
      op: 'create',
      role: w.role,
      expect: 201,
      request: (_context, i) => ({
        method: 'POST',
        path: `/api/v1/${resource}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(w.create(`${Date.now().toString(36)}-${i}`)),
      }),
      onResponse: (status, body, _context, headers) => {
        if (status === 201)
          created[resource].push({ id: JSON.parse(body).id, etag: header(headers, 'etag') });
      },
    });
  }
  for (const [resource, w] of Object.entries(write)) {
    // The records a PATCH changes: those made by the create scenario. A request takes a record
    // no other request holds and gives it back with its new ETag, so no two PATCHes race.
    const targets = () => created[resource];
    let free = [];
    list.push({
      resource,
      op: 'patch',
      role: w.role,
      connectionsNeeded: (c) => targets().length >= c,
      // A run cut at its end leaves PATCHes the server applied (or is applying) but whose answer
      // nobody read: read the current ETags before each run, then every record is free again.
      prepare: async (base, token) => {
        // PATCHes sent just before the last run ended may still be committing.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const fresh = [];
        for (const record of targets().slice(0, 200)) {
          const res = await fetch(`${base}/api/v1/${resource}/${record.id}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await res.arrayBuffer();
          if (res.status !== 200) continue;
          record.etag = res.headers.get('etag');
          fresh.push(record);
        }
        free = fresh;
      },
      request: (context, i) => {
        const record = free.shift();
        if (!record) throw new Error(`No ${resource} record left to PATCH`);
        context.record = record;
        return {
          method: 'PATCH',
          path: `/api/v1/${resource}/${record.id}`,
          headers: { 'content-type': 'application/json', 'if-match': record.etag },
          body: JSON.stringify(w.change(`${Date.now().toString(36)}-${i}`)),
        };
      },
      // A record whose PATCH failed is left out until the next run reads it again.
      onResponse: (status, _body, context, headers) => {
        if (status !== 200 || !context.record) return;
        context.record.etag = header(headers, 'etag');
        free.push(context.record);
      },
    });
  }
  for (const report of reports(m)) {
    list.push({
      resource: 'reports',
      name: report.name,
      op: 'report',
      role: report.role,
      timeoutS: 120,
      // As a browser or any HTTP client library asks: the text reports come gzipped.
      request: () => ({ method: 'GET', path: report.path, headers: { 'accept-encoding': 'gzip' } }),
    });
  }
  return list;
}

/** A response header by name, whatever its case on the wire. */
function header(headers, name) {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function nameOf(s) {
  return s.name ?? `${s.resource} ${s.op}`;
}

/**
 * One run of a scenario; latencies and statuses are counted here, from every answer. Reports go to
 * `drain`: autocannon keeps every answer's body as a string it appends to, chunk by chunk, which
 * for a report of a megabyte costs its client more than the server spends on it.
 */
function cannon(options) {
  return options.scenario.op === 'report' ? drain(options) : autocannonRun(options);
}

/** One autocannon run. */
async function autocannonRun(options) {
  return summary(await autocannonRaw(options));
}

/** One autocannon run's answers: latencies, statuses, time taken. */
async function autocannonRaw({
  base,
  token,
  connections,
  durationS,
  amount,
  timeoutS = 30,
  scenario,
}) {
  let i = 0;
  const latencies = [];
  const statuses = {};
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: base,
    connections,
    ...(amount ? { amount: Math.max(amount, connections) } : { duration: durationS }),
    timeout: timeoutS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    requests: [
      {
        setupRequest: (req, context) => {
          const spec = scenario.request(context, i++);
          return { ...req, ...spec, headers: { ...req.headers, ...spec.headers } };
        },
        ...(scenario.onResponse ? { onResponse: scenario.onResponse } : {}),
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    scenario,
    latencies,
    statuses,
    elapsedS,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Two autocannon runs in alternating slices of about `sliceS` (`a`, `b`, `a`, `b`, …) for
 * `durationS` each in all: whatever else the machine is doing then weighs on both alike.
 */
async function alternating(a, b, durationS, sliceS = 1) {
  const slices = Math.max(1, Math.round(durationS / sliceS));
  const runs = [[], []];
  for (let k = 0; k < slices; k++) {
    for (const [at, options] of [a, b].entries()) {
      runs[at].push(await autocannonRaw({ ...options, durationS: durationS / slices }));
    }
  }
  return runs.map((parts) =>
    summary({
      scenario: parts[0].scenario,
      latencies: parts.flatMap((r) => r.latencies),
      statuses: parts.reduce((all, r) => {
        for (const [code, n] of Object.entries(r.statuses)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
      elapsedS: parts.reduce((sum, r) => sum + r.elapsedS, 0),
      errors: parts.reduce((sum, r) => sum + r.errors, 0),
      timeouts: parts.reduce((sum, r) => sum + r.timeouts, 0),
    }),
  );
}

/**
 * A run of GET requests with undici, `connections` at a time, each answer's body read and
 * dropped: what a client that saves or renders a report does, without a string of it.
 */
async function drain({ base, token, connections, durationS, amount, timeoutS = 30, scenario }) {
  const pool = new Pool(base, {
    connections,
    headersTimeout: timeoutS * 1000,
    bodyTimeout: timeoutS * 1000,
  });
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let timeouts = 0;
  let i = 0;
  const total = amount ? Math.max(amount, connections) : Infinity;
  const started = process.hrtime.bigint();
  const until = Date.now() + (amount ? Infinity : durationS * 1000);
  async function worker() {
    while (i < total && Date.now() < until) {
      const spec = scenario.request({}, i++);
      const sent = process.hrtime.bigint();
      try {
        const res = await pool.request({
          method: spec.method,
          path: spec.path,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...spec.headers },
        });
        for await (const _chunk of res.body);
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      } catch (error) {
        if (/timeout/i.test(error.code ?? '')) timeouts++;
        else errors++;
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: connections }, worker));
  } finally {
    await pool.close();
  }
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  return summary({ scenario, latencies, statuses, elapsedS, errors, timeouts });
}

/** A run's figures from its answers' latencies (ms) and statuses. */
function summary({ scenario, latencies, statuses, elapsedS, errors, timeouts }) {
  latencies.sort((a, b) => a - b);
  const expect = scenario.expect ?? 200;
  const answered = latencies.length;
  const fiveXX = Object.entries(statuses)
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    requests: answered,
    requestsPerS: Math.round((answered / elapsedS) * 10) / 10,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    statuses,
    errors: answered - (statuses[expect] ?? 0) + errors + timeouts,
    fiveXX,
    timeouts,
  };
}

function round(ms) {
  return Number.isFinite(ms) ? Math.round(ms * 10) / 10 : null;
}

/** Sends a scenario's first request once and checks the answer, so a broken scenario stops early. */
async function preflight(base, token, scenario) {
  const spec = scenario.request({ slot: 0 }, 0);
  // The previous run's last requests may still hold the pool: wait for /health/ready first.
  for (let waited = 0; waited < 120; waited++) {
    const ready = await fetch(`${base}/health/ready`).catch(() => undefined);
    if (ready) await ready.arrayBuffer();
    if (ready?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const started = process.hrtime.bigint();
  const res = await fetch(`${base}${spec.path}`, {
    method: spec.method,
    headers: { authorization: `Bearer ${token}`, ...spec.headers },
    body: spec.body,
  });
  const body = Buffer.from(await res.arrayBuffer());
  if (scenario.op === 'report') {
    // The first request makes the report; the runs after it are served the kept one.
    scenario.madeMs = round(Number(process.hrtime.bigint() - started) / 1e6);
    log(`${nameOf(scenario)} as ${scenario.role}: report made in ${scenario.madeMs} ms`);
  }
  const expect = scenario.expect ?? 200;
  if (res.status !== expect) {
    throw new Error(
      `${nameOf(scenario)} as ${scenario.role}: ${spec.method} ${spec.path} answered ${res.status} ` +
        `(expected ${expect}): ${body.toString('utf8').slice(0, 500)}`,
    );
  }
  if (scenario.op === 'list') {
    const total = JSON.parse(body.toString('utf8')).total;
    if (!(total > 0)) log(`Note: ${nameOf(scenario)} as ${scenario.role} finds no records`);
  }
  if (scenario.onResponse) {
    scenario.onResponse(
      res.status,
      body.toString('utf8'),
      { slot: 0 },
      {
        etag: res.headers.get('etag'),
      },
    );
  }
}

/**
 * Runs every scenario at every concurrency (warm-up, then the measured run) against `server`, and
 * the bare server's task list and retrieve beside it. Returns one row per run.
 */
async function runLoad({ url, manifest, server, concurrency, durationS, warmupS, amount, only }) {
  const tokens = {};
  for (const role of ['districtOfficer', 'leadership', 'departmentStaff']) {
    tokens[role] = await signIn(server.base, manifest.accounts[role]);
  }
  const rows = [];

  // The bare server runs in a process of its own, as the API does (sharing the benchmark's event
  // loop with the load generator slowed it by up to half), and each of its runs alternates with
  // the API's run it is the yardstick of: the machine's speed drifts by a third over minutes.
  const bare = await startServerProcess({
    what: 'The bare server',
    args: [path.join(__dirname, 'bare.js')],
    env: { DATABASE_URL: url },
    readyPath: '/api/v1/tasks?pageSize=1',
    readyTimeoutMs: 30_000,
  });
  const taskIds = manifest.samples.tasks;
  const district = manifest.accounts.districtOfficer.adminUnitId;
  const bareScenarios = {
    list: (_c, i) => ({ method: 'GET', path: LISTS.tasks(1 + (i % 10)) }),
    'list-district': (_c, i) => ({
      method: 'GET',
      path: `${LISTS.tasks(1 + (i % 10))}&adminUnitId=${district}`,
    }),
    retrieve: (_c, i) => ({
      method: 'GET',
      path: `/api/v1/tasks/${taskIds[i % taskIds.length]}`,
    }),
    'retrieve-district': (_c, i) => ({
      method: 'GET',
      path: `/api/v1/tasks/${taskIds[i % taskIds.length]}?adminUnitId=${district}`,
    }),
  };
  /**
   * The API's run of a task list or retrieve and the bare server's of the same, each warmed up,
   * then measured in alternating slices: a yardstick taken at the same time as the figure.
   */
  const sideBySide = async (scenario, token, connections) => {
    const op = scenario.bare;
    const twin = { resource: 'bare tasks', op, role: '-', request: bareScenarios[op] };
    const app = { base: server.base, token, connections, scenario };
    const yardstick = { base: bare.base, connections, scenario: twin };
    if (amount) {
      return [
        await autocannonRun({ ...app, amount }),
        await autocannonRun({ ...yardstick, amount }),
      ];
    }
    const warmups = [
      await autocannonRun({ ...yardstick, durationS: warmupS }),
      await autocannonRun({ ...app, durationS: warmupS }),
    ];
    // A slice ends with its requests in flight, uncounted, still running into the next slice:
    // a slice of a second at c=50 on a list answered in 1.2 s counted almost nothing. Slices
    // last five of the slower side's p95 at least.
    const slowestS = Math.max(...warmups.map((w) => w.p95Ms ?? 0)) / 1000;
    return alternating(app, yardstick, durationS, Math.max(1, 5 * slowestS));
  };

  try {
    for (const scenario of scenarios(manifest)) {
      const name = nameOf(scenario);
      if (only && !only.test(`${name} ${scenario.role}`)) continue;
      const token = tokens[scenario.role];
      if (scenario.op !== 'patch') await preflight(server.base, token, scenario);
      for (const connections of concurrency) {
        if (scenario.connectionsNeeded && !scenario.connectionsNeeded(connections)) {
          log(`Skipped ${name} c=${connections}: too few records made by the create scenario`);
          continue;
        }
        const timeoutS = scenario.timeoutS;
        const base = server.base;
        let run;
        let twin;
        if (scenario.resource === 'tasks' && scenario.bare) {
          // The task list and retrieve have their bare twin, measured beside them.
          [run, twin] = await sideBySide(scenario, token, connections);
          const op = scenario.bare;
          rows.push({ name: `bare: task ${op}`, op, role: '-', bare: op, connections, ...twin });
          log(`bare task ${op} c=${connections}: ${twin.requestsPerS} req/s, p95 ${twin.p95Ms} ms`);
        } else {
          if (!amount) {
            await scenario.prepare?.(base, token);
            await cannon({ base, token, connections, durationS: warmupS, timeoutS, scenario });
          }
          await scenario.prepare?.(base, token);
          run = await cannon({
            base,
            token,
            connections,
            durationS,
            amount,
            timeoutS,
            scenario,
          });
        }
        const row = {
          name,
          op: scenario.op,
          role: scenario.role,
          bare: scenario.bare,
          connections,
          ...run,
        };
        row.rssMB = server.rssMB();
        if (scenario.madeMs !== undefined) row.madeMs = scenario.madeMs;
        if (twin) row.ratioToBare = ratio(run.requestsPerS, twin.requestsPerS);
        rows.push(row);
        log(
          `${name} as ${scenario.role} c=${connections}: ${run.requestsPerS} req/s, ` +
            `p95 ${run.p95Ms} ms, errors ${run.errors}`,
        );
        if (scenario.op === 'report') {
          // A report's yardstick: the very bytes it answered, from a bare node:http server. What
          // that cannot beat, moving the bytes to the client here, no report can.
          const bytes = await sameBytes(base, token, scenario, {
            connections,
            warmupS,
            runS: durationS,
            amount,
          });
          rows.push({
            ...bytes,
            name: `bare: ${name} bytes`,
            op: 'report',
            role: '-',
            connections,
          });
          row.ratioToBare = ratio(run.requestsPerS, bytes.requestsPerS);
        }
      }
    }
  } finally {
    await bare.stop();
  }
  // The other resources' lists and retrieves have no bare twin: theirs is the task one's
  // nearest before them (the same operation and concurrency), a yardstick of the machine's
  // speed at the time rather than of the same SQL.
  for (const [at, row] of rows.entries()) {
    if (!row.bare || row.role === '-' || row.ratioToBare !== undefined) continue;
    const yardstick = rows
      .slice(0, at)
      .findLast((r) => r.role === '-' && r.op === row.bare && r.connections === row.connections);
    if (yardstick) row.ratioToBare = ratio(row.requestsPerS, yardstick.requestsPerS);
  }
  return rows;
}

function ratio(value, yardstick) {
  return yardstick ? Math.round((value / yardstick) * 100) / 100 : undefined;
}

/**
 * The bytes a scenario's request answers, served by a bare node:http server in a process of its
 * own (as the API runs in its own) under the same load.
 */
async function sameBytes(base, token, scenario, { connections, warmupS, runS, amount }) {
  const spec = scenario.request({}, 0);
  const res = await fetch(`${base}${spec.path}`, {
    headers: { authorization: `Bearer ${token}`, ...spec.headers },
  });
  const headers = {};
  for (const name of ['content-type', 'content-encoding', 'content-disposition']) {
    if (res.headers.get(name)) headers[name] = res.headers.get(name);
  }
  // fetch undoes the gzip: send the bytes as they came over the wire.
  let body = Buffer.from(await res.arrayBuffer());
  if (headers['content-encoding'] === 'gzip') body = require('node:zlib').gzipSync(body);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'st-tracker-bench-bytes-'));
  const file = path.join(dir, 'body');
  writeFileSync(file, body);
  const server = await serveBytes(file, { ...headers, 'content-length': String(body.length) });
  try {
    const bare = { resource: 'bare', op: 'report', request: () => ({ method: 'GET', path: '/' }) };
    if (!amount)
      await cannon({ base: server.base, connections, durationS: warmupS, scenario: bare });
    const run = await cannon({
      base: server.base,
      connections,
      durationS: runS,
      amount,
      scenario: bare,
    });
    return { ...run, bytes: body.length };
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A node:http server in a child process answering every request with the file's bytes. */
function serveBytes(file, headers) {
  const program = `
    const body = require('node:fs').readFileSync(process.argv[1]);
    const headers = JSON.parse(process.argv[2]);
    const server = require('node:http').createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));`;
  const child = spawn(process.execPath, ['-e', program, file, JSON.stringify(headers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The same-bytes server exited (${code})`)));
    child.stdout.once('data', (port) =>
      resolve({ child, base: `http://127.0.0.1:${String(port).trim()}` }),
    );
  });
}

/**
 * The soak: a mix of lists, retrieves, PATCHes and a report at c=10 for `durationS`, the server's
 * RSS sampled every 5 s. Flat means the last quarter's mean within 10 % of the second quarter's
 * (the first quarter is the warm-up).
 */
async function runSoak({ manifest, server, durationS }) {
  const token = await signIn(server.base, manifest.accounts.leadership);
  const m = manifest;
  const paths = [
    ...Object.values(LISTS).map((f) => (i) => f(1 + (i % 10), m)),
    (i) => `/api/v1/tasks/${m.samples.tasks[i % m.samples.tasks.length]}`,
    (i) =>
      `/api/v1/working-sessions/${m.samples.workingSessions[i % m.samples.workingSessions.length]}`,
    (i) => `/api/v1/enterprises/${m.samples.enterprises[i % m.samples.enterprises.length]}`,
    () =>
      `/api/v1/reports/district-activity?adminUnitId=${m.report.adminUnitId}&year=${m.report.year}`,
  ];
  const scenario = {
    resource: 'soak',
    op: 'mix',
    request: (_c, i) => ({
      method: 'GET',
      path: paths[i % paths.length](Math.floor(i / paths.length)),
    }),
  };
  const samples = [];
  const timer = setInterval(
    () => samples.push({ atS: samples.length * 5, rssMB: server.rssMB() }),
    5000,
  );
  let run;
  try {
    run = await cannon({ base: server.base, token, connections: 10, durationS, scenario });
  } finally {
    clearInterval(timer);
  }
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mean = (xs) => xs.reduce((s, x) => s + x.rssMB, 0) / Math.max(1, xs.length);
  const early = mean(samples.slice(quarter, 2 * quarter));
  const late = mean(samples.slice(-quarter));
  const growth = early ? Math.round(((late - early) / early) * 1000) / 10 : null;
  return {
    durationS,
    ...run,
    samples,
    earlyMeanMB: round(early),
    lateMeanMB: round(late),
    growthPct: growth,
  };
}

module.exports = { runLoad, runSoak, startApi };
