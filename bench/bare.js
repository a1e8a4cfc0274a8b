#!/usr/bin/env node
// The bare baseline: the task list and retrieve answered by `node:http` and `pg` with no
// framework, with the same SQL shape as the app (the same filters, order, page and total in one
// statement, the same joins for the names) and the same JSON. It is the yardstick every figure of
// the load benchmark is divided by: what Node and PostgreSQL can do here with nothing in between.
//
//   GET /api/v1/tasks?status=&priority=&sort=&page=&pageSize=[&adminUnitId=]
//   GET /api/v1/tasks/:id[?adminUnitId=]
//
// There are no accounts: `adminUnitId` stands for a district officer's binding and applies the
// app's district rule (tasks of sessions hosted in that unit or one of its communes; 404 outside).
//
// Standalone, after `npm run build`: DATABASE_URL=postgres://… PORT=3100 node bench/bare.js
// The benchmark runs it in a process of its own (bench/load.js), as the API runs in its own.
const http = require('node:http');
const path = require('node:path');
const pg = require('pg');

const SORTS = {
  dueDate: "COALESCE(r.due_date, DATE 'infinity')",
  createdAt: 'r.created_at',
  title: 'r.title',
};
const STATUSES = new Set(['open', 'in_progress', 'done', 'cancelled']);
const PRIORITIES = new Set(['low', 'normal', 'high']);
const ACTIONS = {
  open: ['start', 'complete', 'cancel'],
  in_progress: ['complete', 'cancel'],
  done: ['reopen'],
  cancelled: ['reopen'],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

// The task as shown, with the names the app shows beside the ids, from alias `r`: the app's own
// SQL text, from the build (a module with no imports: nothing of the framework is loaded).
const { NAMES, JOINS } = require(
  path.join(__dirname, '..', 'dist', 'libs', 'tasks', 'src', 'task-names.sql.js'),
);

/** The app's district rule: a semi-join on the session, the caller's units found once. */
function districtWhere(param) {
  return `EXISTS (SELECT 1 FROM working_session ws WHERE ws.id = r.source_session_id
            AND ws.host_admin_unit_id = ANY (ARRAY(SELECT su.id FROM admin_unit su
                                                    WHERE su.id = ${param} OR su.parent_id = ${param})))`;
}

function instant(date) {
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}${local.endsWith('.000Z') ? '' : local.slice(19, 23)}+07:00`;
}

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

function vietnamDate(date) {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function toTask(row, today) {
  const active = row.status === 'open' || row.status === 'in_progress';
  const overdue = active && row.due_date !== null && row.due_date < today;
  let completedLate = false;
  let daysLate = null;
  if (row.due_date !== null && row.status === 'done' && row.completed_at !== null) {
    const late = daysBetween(row.due_date, vietnamDate(row.completed_at));
    if (late > 0) [completedLate, daysLate] = [true, late];
  } else if (overdue) {
    daysLate = daysBetween(row.due_date, today);
  }
  const co = row.co ?? [];
  return {
    id: row.id,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
    deletedAt: row.deleted_at === null ? null : instant(row.deleted_at),
    version: row.version,
    title: row.title,
    description: row.description,
    leadOrganisationId: row.lead_organisation_id,
    leadOrganisation: {
      id: row.lead_organisation_id,
      name: row.lead_name ?? '',
      shortName: row.lead_short_name ?? null,
    },
    coOrganisationIds: co.map((o) => o.id),
    coOrganisations: co,
    assignedByPersonId: row.assigned_by_person_id,
    assignedBy:
      row.assigned_by_person_id === null
        ? null
        : {
            id: row.assigned_by_person_id,
            fullName: row.assigned_name ?? '',
            position: row.assigned_position ?? null,
          },
    dueDate: row.due_date,
    priority: row.priority,
    sourceSessionId: row.source_session_id,
    sourceSession:
      row.source_session_id === null || row.session_title === null
        ? null
        : {
            id: row.source_session_id,
            title: row.session_title,
            startsAt: instant(row.session_starts_at),
            hostAdminUnitId: row.session_host,
          },
    sourceRecordId: row.source_record_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    status: row.status,
    overdue,
    completedLate,
    daysLate,
    myRole: null,
    percent: row.percent,
    completionNote: row.completion_note,
    cancelReason: row.cancel_reason,
    statusNote: row.status_note,
    completedAt: row.completed_at === null ? null : instant(row.completed_at),
    allowedActions: ACTIONS[row.status],
  };
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': status < 400 ? 'application/json; charset=utf-8' : 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function problem(res, status, detail) {
  send(res, status, { type: 'about:blank', title: http.STATUS_CODES[status], status, detail });
}

function wholeNumber(value, fallback, min, max) {
  if (value === null) return fallback;
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

/** The list: its filters, one order with a unique tiebreaker, the page and its total in one go. */
async function list(pool, res, params) {
  const page = wholeNumber(params.get('page'), 1, 1, 1e6);
  const pageSize = wholeNumber(params.get('pageSize'), 20, 1, 100);
  if (page === undefined || pageSize === undefined) return problem(res, 400, 'page, pageSize');
  const where = ['r.deleted_at IS NULL'];
  const values = [];
  const status = params.get('status');
  if (status !== null) {
    if (!STATUSES.has(status)) return problem(res, 400, 'status');
    values.push(status);
    where.push(`r.status = $${values.length}`);
  }
  const priority = params.get('priority');
  if (priority !== null) {
    if (!PRIORITIES.has(priority)) return problem(res, 400, 'priority');
    values.push(priority);
    where.push(`r.priority = $${values.length}`);
  }
  const unit = params.get('adminUnitId');
  if (unit !== null) {
    if (!UUID.test(unit)) return problem(res, 400, 'adminUnitId');
    values.push(unit);
    where.push(districtWhere(`$${values.length}`));
  }
  const order = [];
  for (const token of (params.get('sort') ?? 'dueDate').split(',')) {
    const descending = token.startsWith('-');
    const column = SORTS[token.replace(/^-/, '')];
    if (!column) return problem(res, 400, 'sort');
    order.push(`${column} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  }
  order.push('r.id ASC');
  values.push(pageSize, (page - 1) * pageSize);
  const filter = where.join(' AND ');
  // The page's ids in order (an index serves it), their rows and names, and the total.
  const text = `SELECT counted.total, r.*, ${NAMES}
      FROM (SELECT CAST(count(*) AS integer) AS total FROM task r WHERE ${filter}) counted
      LEFT JOIN (unnest(ARRAY(SELECT r.id FROM task r WHERE ${filter} ORDER BY ${order.join(', ')}
                              LIMIT $${values.length - 1} OFFSET $${values.length}))
                   WITH ORDINALITY AS page (id, n)
                 JOIN task r ON r.id = page.id ${JOINS}) ON true
     ORDER BY page.n`;
  const { rows } = await pool.query({ name: `bare-list-${hash(text)}`, text, values });
  const today = vietnamDate(new Date());
  const items = rows[0].id === null ? [] : rows.map((row) => toTask(row, today));
  send(res, 200, { items, page, pageSize, total: rows[0].total });
}

async function retrieve(pool, res, id, params) {
  if (!UUID.test(id)) return problem(res, 400, 'id');
  const values = [id];
  let scope = '';
  const unit = params.get('adminUnitId');
  if (unit !== null) {
    if (!UUID.test(unit)) return problem(res, 400, 'adminUnitId');
    values.push(unit);
    scope = `AND ${districtWhere('$2')}`;
  }
  const text = `SELECT r.*, ${NAMES} FROM task r ${JOINS}
     WHERE r.id = (SELECT r.id FROM task r WHERE r.deleted_at IS NULL AND r.id = $1 ${scope})`;
  const { rows } = await pool.query({ name: `bare-get-${values.length}`, text, values });
  if (rows.length === 0) return problem(res, 404, `Task ${id} not found`);
  send(res, 200, toTask(rows[0], vietnamDate(new Date())), { etag: `"${rows[0].version}"` });
}

function hash(text) {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** Starts the bare server; `port: 0` picks a free one. */
async function startBare({ url, port = 0, poolSize = 10 }) {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Dates stay calendar dates (YYYY-MM-DD), as the app shows them; this pool only.
    types: {
      getTypeParser: (oid, format) =>
        oid === 1082 ? (value) => value : pg.types.getTypeParser(oid, format),
    },
  });
  const server = http.createServer((req, res) => {
    const [path, query = ''] = (req.url ?? '/').split('?', 2);
    const params = new URLSearchParams(query);
    let work;
    if (req.method !== 'GET') work = Promise.resolve(problem(res, 405, 'GET only'));
    else if (path === '/api/v1/tasks') work = list(pool, res, params);
    else if (path.startsWith('/api/v1/tasks/'))
      work = retrieve(pool, res, path.slice('/api/v1/tasks/'.length), params);
    else work = Promise.resolve(problem(res, 404, 'No such route'));
    work.catch((error) => {
      process.stderr.write(`bare: ${error.message}\n`);
      if (!res.headersSent) problem(res, 500, 'Internal error');
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('Set DATABASE_URL to the database to serve\n');
    process.exit(1);
  }
  startBare({ url, port: Number(process.env.PORT ?? 3100) }).then(
    ({ port, close }) => {
      process.stderr.write(`Bare baseline on http://127.0.0.1:${port}\n`);
      const stop = () => close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
