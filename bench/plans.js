// Query plans: every list filter and every report, one request each, with PostgreSQL's
// auto_explain logging `EXPLAIN (ANALYZE, BUFFERS)` of every statement the server runs for it. A
// sequential scan of a large table is run again with sequential scans disabled: when the plan
// PostgreSQL then takes (its indexes) is faster, an index should serve and the scan is a finding,
// named by its statement; when scanning is the fastest way (a filter that keeps most of the
// table, a report that reads a fifth of it), it is listed as a note with both times. Reads the embedded
// server's log (DATA_DIR/postgres.log); on another server the log is not ours to read, so the check
// is skipped there with a note.
const { promises: fs } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { log, signIn, startApi } = require('./lib');

/** A table this large is never read whole to answer one page or one report. */
const LARGE_TABLE_ROWS = 50_000;
/** A scan is a finding when the statement runs in less than this share of its time without it. */
const INDEX_WINS_BELOW = 0.8;

const LIST_PATHS = [
  '/api/v1/tasks',
  '/api/v1/working-sessions',
  '/api/v1/ip-registrations',
  '/api/v1/enterprises',
  '/api/v1/projects',
];

/** A value for each list filter the OpenAPI document declares, from the generated data. */
function filterValue(name, schema, m) {
  const year = m.report.year;
  const ids = {
    adminUnitId: m.accounts.districtOfficer.adminUnitId,
    hostAdminUnitId: m.accounts.districtOfficer.adminUnitId,
    leadOrganisationId: m.samples.leadOrganisationId,
    ownerOrganisationId: m.samples.leadOrganisationId,
    supportingOrganisationId: m.samples.leadOrganisationId,
    programmeId: m.samples.programmeId,
    sourceSessionId: m.samples.workingSessions[0],
    subjectId: m.samples.enterprises[0],
  };
  if (name in ids) return ids[name];
  if (['page', 'pageSize', 'sort'].includes(name)) return undefined;
  const type = schema.type ?? schema.items?.type;
  const values = schema.enum ?? schema.items?.enum;
  if (values) return values[0];
  if (name === 'q') return 'nông sản';
  if (schema.format === 'date' || /^(from|to|due)/.test(name)) return `${year}-06-30`;
  if (type === 'boolean') return 'true';
  if (type === 'integer' || type === 'number') return name === 'niceClass' ? '31' : String(year);
  if (schema.format === 'uuid') return undefined; // a filter we hold no id for
  return undefined;
}

function requestsFor(m, openapi) {
  const requests = [];
  for (const listPath of LIST_PATHS) {
    for (const role of ['leadership', 'districtOfficer']) {
      requests.push({ name: `${listPath} (default order)`, role, path: `${listPath}?pageSize=20` });
    }
    for (const param of openapi.paths[listPath].get.parameters ?? []) {
      if (param.in !== 'query') continue;
      const value = filterValue(param.name, param.schema ?? {}, m);
      if (value === undefined) continue;
      const query = `${param.name}=${encodeURIComponent(value)}`;
      // "My" tasks belong to an account bound to an organisation: the unit's staff.
      const role = ['mine', 'myRole'].includes(param.name) ? 'unitStaff' : 'leadership';
      requests.push({
        name: `${listPath}?${query}`,
        role,
        path: `${listPath}?${query}&pageSize=20`,
      });
    }
  }
  const { adminUnitId, year } = m.report;
  requests.push(
    {
      name: 'district-year report',
      role: 'leadership',
      path: `/api/v1/reports/district-activity?adminUnitId=${adminUnitId}&year=${year}`,
    },
    { name: 'overview report', role: 'leadership', path: `/api/v1/reports/overview?year=${year}` },
    {
      name: 'task follow-up report',
      role: 'leadership',
      path: `/api/v1/reports/task-follow-up?from=${year}-01-01&to=${year}-12-31`,
    },
  );
  return requests;
}

/** The plans auto_explain wrote in a stretch of the server log (log_format = json). */
function parsePlans(text) {
  const plans = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /duration: ([\d.]+) ms\s+plan:\s*$/.exec(lines[i]);
    if (!match) continue;
    const json = [];
    while (i + 1 < lines.length && /^\s/.test(lines[i + 1])) json.push(lines[++i]);
    try {
      plans.push({ ms: Number(match[1]), ...JSON.parse(json.join('\n')) });
    } catch {
      // A plan cut by the end of the stretch: the next read has it whole.
    }
  }
  return plans;
}

function seqScans(node, large, found = []) {
  if (node['Node Type'] === 'Seq Scan' && large.has(node['Relation Name'])) {
    found.push({ relation: node['Relation Name'], rows: node['Actual Rows'], filter: node.Filter });
  }
  for (const child of node.Plans ?? []) seqScans(child, large, found);
  return found;
}

/** The values auto_explain logged for $1, $2, … ("$1 = 'x', $2 = NULL"), as text or null. */
function parameters(text) {
  const values = [];
  const re = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
  for (let m = re.exec(text ?? ''); m; m = re.exec(text ?? '')) {
    values[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3].replace(/''/g, "'");
  }
  return values;
}

/**
 * Runs a logged statement again, in a read-only transaction, as planned and with sequential scans
 * disabled: a run of each that warms the cache, then three rounds taking turns, and returns each
 * one's best execution time (ms), so that one slow run does not decide. indexMs is undefined when
 * the statement cannot run again (a write).
 */
async function withoutSeqScans(url, plan) {
  const text = plan['Query Text'] ?? '';
  const values = parameters(plan['Query Parameters']);
  const client = new Client({ connectionString: url });
  await client.connect();
  const time = async (seqscan) => {
    await client.query(`SET LOCAL enable_seqscan = ${seqscan ? 'on' : 'off'}`);
    const result = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
    return result.rows[0]['QUERY PLAN'][0]['Execution Time'];
  };
  try {
    await client.query('BEGIN READ ONLY');
    await time(true);
    await time(false);
    let scanMs = Infinity;
    let indexMs = Infinity;
    for (let round = 0; round < 3; round++) {
      scanMs = Math.min(scanMs, await time(true));
      indexMs = Math.min(indexMs, await time(false));
    }
    const tenths = (ms) => Math.round(ms * 10) / 10;
    return { scanMs: tenths(scanMs), indexMs: tenths(indexMs) };
  } catch {
    return { scanMs: plan.ms };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/**
 * Turns auto_explain on for the bench database, starts a server on it (new connections load the
 * module), sends each request once, and reads the plans the log gained for it.
 */
async function checkPlans({ database, manifest }) {
  if (database.kind !== 'embedded' || !database.dataDir) {
    log('Query plans: skipped (the server log of a PostgreSQL server is not readable here)');
    return { skipped: true, findings: [] };
  }
  const logFile = path.join(database.dataDir, 'postgres.log');
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  const name = (await admin.query('SELECT current_database() AS name')).rows[0].name;
  const settings = {
    session_preload_libraries: 'auto_explain',
    'auto_explain.log_min_duration': '0',
    'auto_explain.log_analyze': 'on',
    'auto_explain.log_buffers': 'on',
    'auto_explain.log_format': 'json',
    'auto_explain.log_nested_statements': 'on',
    // The values of $1…, to run a statement again without sequential scans.
    'auto_explain.log_parameter_max_length': '-1',
  };
  const large = new Set(
    (
      await admin.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples >= $1`,
        [LARGE_TABLE_ROWS],
      )
    ).rows.map((r) => r.relname),
  );
  for (const [key, value] of Object.entries(settings)) {
    await admin.query(`ALTER DATABASE "${name}" SET ${key} = '${value}'`);
  }
  let server;
  const results = [];
  try {
    server = await startApi({ DATABASE_URL: database.url });
    const openapi = await (await fetch(`${server.base}/docs-json`)).json();
    const tokens = {};
    for (const role of ['leadership', 'districtOfficer', 'unitStaff']) {
      tokens[role] = await signIn(server.base, manifest.accounts[role]);
    }
    for (const request of requestsFor(manifest, openapi)) {
      const before = (await fs.stat(logFile)).size;
      const res = await fetch(`${server.base}${request.path}`, {
        headers: { authorization: `Bearer ${tokens[request.role]}` },
      });
      await res.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 150)); // the log written after the answer
      const handle = await fs.open(logFile, 'r');
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(size - before);
      await handle.read(buffer, 0, buffer.length, before);
      await handle.close();
      const plans = parsePlans(buffer.toString('utf8')).filter(
        (p) => !/auto_explain|pg_catalog|current_database/.test(p['Query Text'] ?? ''),
      );
      const findings = [];
      const notes = [];
      for (const plan of plans) {
        const scans = seqScans(plan.Plan, large);
        if (scans.length === 0) continue;
        const timed = await withoutSeqScans(database.url, plan);
        for (const scan of scans) {
          const item = {
            ...scan,
            ms: plan.ms,
            ...timed,
            query: (plan['Query Text'] ?? '').replace(/\s+/g, ' ').slice(0, 300),
          };
          if (timed.indexMs !== undefined && timed.indexMs >= timed.scanMs * INDEX_WINS_BELOW) {
            notes.push(item);
          } else {
            findings.push(item);
          }
        }
      }
      results.push({
        name: request.name,
        role: request.role,
        status: res.status,
        statements: plans.length,
        sqlMs: Math.round(plans.reduce((s, p) => s + p.ms, 0) * 10) / 10,
        findings,
        notes,
      });
      if (findings.length > 0 || res.status !== 200) {
        log(
          `Query plans: ${request.name} as ${request.role}: ${res.status}, ${findings.length} sequential scan(s)`,
        );
        for (const f of findings) {
          log(
            `  Seq Scan on ${f.relation} (${f.rows} rows; ${f.scanMs} ms, ${f.indexMs ?? '?'} ms without scanning): ${f.query}`,
          );
        }
      }
      for (const n of notes) {
        log(
          `Query plans: note: ${request.name} as ${request.role} scans ${n.relation} (${n.rows} rows) ` +
            `in ${n.scanMs} ms; without sequential scans ${n.indexMs} ms: scanning is the faster plan`,
        );
      }
    }
  } finally {
    await server?.stop();
    for (const key of Object.keys(settings)) {
      await admin.query(`ALTER DATABASE "${name}" RESET ${key}`);
    }
    await admin.end();
  }
  return { skipped: false, largeTableRows: LARGE_TABLE_ROWS, requests: results };
}

module.exports = { checkPlans, parsePlans };
