import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@app/platform';
import { createApiApp } from '../apps/api/src/bootstrap';
import { ensureBuilt, ROOT, run } from './helpers/processes';
import { databaseUrl } from './setup/global-setup';
import { dropTestDatabase } from './support/test-app';

const GENERATE = path.join(ROOT, 'bench', 'generate.js');

interface Account {
  id: string;
  username: string;
  password: string;
}

interface Manifest {
  seed: number;
  scale: string;
  counts: Record<string, number>;
  accounts: Record<
    'admin' | 'leadership' | 'departmentStaff' | 'districtOfficer' | 'unitStaff',
    Account
  >;
  samples: {
    tasks: string[];
    workingSessions: string[];
    ipRegistrations: string[];
    enterprises: string[];
    projects: string[];
    any: Record<string, string[]>;
    create: Record<string, { role: keyof Manifest['accounts']; body: object }>;
  };
  report: { adminUnitId: string; year: number };
}

/**
 * Rows of a few tables, in a fixed order, as one digest: what "the same data" means here. The
 * official units' ids are drawn by the import, so a row shows the unit it points at by its code.
 */
const DIGEST_TABLES: Record<string, { order: string; unit?: string }> = {
  organisation: { order: 't.id', unit: 'admin_unit_id' },
  person: { order: 't.id' },
  working_session: { order: 't.id', unit: 'host_admin_unit_id' },
  session_record: { order: 't.id' },
  task: { order: 't.id' },
  task_co_organisation: { order: 't.task_id, t.organisation_id' },
  ip_registration: { order: 't.id', unit: 'admin_unit_id' },
  ip_event: { order: 't.id' },
  enterprise: { order: 't.id', unit: 'admin_unit_id' },
  project_participant: { order: 't.id', unit: 'admin_unit_id' },
  audit_event: { order: 't.id' },
};

async function query<T extends object>(url: string, sql: string, params: unknown[] = []) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

async function digest(url: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [table, { order, unit }] of Object.entries(DIGEST_TABLES)) {
    const row = unit
      ? `(to_jsonb(t) - '${unit}') || jsonb_build_object('unit', u.code || '/' || coalesce(u.valid_to::text, ''))`
      : 'to_jsonb(t)';
    const join = unit ? `LEFT JOIN admin_unit u ON u.id = t.${unit}` : '';
    const [found] = await query<{ md5: string }>(
      url,
      `SELECT md5(coalesce(string_agg((${row})::text, '|' ORDER BY ${order}), '')) AS md5
         FROM ${table} t ${join}`,
    );
    result[table] = found.md5;
  }
  return result;
}

describe('The benchmark data generator (bench/generate.js, smoke scale)', () => {
  const databases: string[] = [];
  const folder = path.join(os.tmpdir(), `st-bench-generate-${process.pid}`);
  let manifest: Manifest;
  let url: string;
  let app: NestFastifyApplication | undefined;
  let http: Server;

  /** A new empty database on the tests' server; the generator migrates and fills it. */
  const newDatabase = () => {
    const name = `st_e2e_${process.env.E2E_RUN_ID}_gen_${randomBytes(4).toString('hex')}`;
    const target = databaseUrl(process.env.E2E_ADMIN_URL!, name);
    databases.push(target);
    return target;
  };
  const generate = async (seed: number, target: string, out: string) => {
    const result = await run(
      [GENERATE, '--smoke', '--seed', String(seed), '--out', out],
      { BENCH_DATABASE_URL: target },
      120_000,
    );
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    return JSON.parse(await fs.readFile(out, 'utf8')) as Manifest;
  };

  const signIn = async (account: Account) => {
    const res = await request(http)
      .post('/api/v1/auth/login')
      .send({ username: account.username, password: account.password })
      .expect(200);
    return `Bearer ${(res.body as { accessToken: string }).accessToken}`;
  };

  let again: { url: string; manifest: Manifest };
  let other: { url: string; manifest: Manifest };

  beforeAll(async () => {
    await ensureBuilt();
    await fs.mkdir(folder, { recursive: true });
    url = newDatabase();
    const [first, second, third] = await Promise.all([
      generate(7, url, path.join(folder, 'a.json')),
      (async () => {
        const target = newDatabase();
        return { url: target, manifest: await generate(7, target, path.join(folder, 'b.json')) };
      })(),
      (async () => {
        const target = newDatabase();
        return { url: target, manifest: await generate(8, target, path.join(folder, 'c.json')) };
      })(),
    ]);
    manifest = first;
    again = second;
    other = third;
    app = await createApiApp(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', DATABASE_POOL_SIZE: '3' }),
      url,
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer();
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    for (const target of databases) await dropTestDatabase(target);
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('makes the smoke scale: a thousandth of the province, in every table', async () => {
    expect(manifest).toMatchObject({ seed: 7, scale: 'smoke' });
    expect(manifest.counts).toMatchObject({
      working_session: 100,
      task: 1000,
      ip_registration: 20,
      enterprise: 5,
      project: 5,
      project_participant: 200,
      person: 200,
      app_user: 5,
    });
    for (const [table, rows] of Object.entries(manifest.counts)) {
      const [{ n }] = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, rows: n }).toEqual({ table, rows });
      expect({ table, empty: n === 0 }).toEqual({ table, empty: false });
    }
    // Every top-level record has its create in the audit trail.
    const [{ missing }] = await query<{ missing: number }>(
      url,
      `SELECT count(*)::int AS missing FROM task t
        WHERE NOT EXISTS (SELECT 1 FROM audit_event a
                           WHERE a.entity_type = 'task' AND a.entity_id = t.id AND a.action = 'create')`,
    );
    expect(missing).toBe(0);
    // Text with diacritics, searchable without them.
    const [{ n: binhThuy }] = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM task WHERE search_key LIKE '%binh thuy%'`,
    );
    expect(binhThuy).toBeGreaterThan(0);
  });

  it('gives the same rows for the same seed, uuids included, and other rows for another', async () => {
    const [a, b, c] = await Promise.all([digest(url), digest(again.url), digest(other.url)]);
    expect(b).toEqual(a);
    for (const table of Object.keys(DIGEST_TABLES))
      expect({ table, same: c[table] === a[table] }).toEqual({ table, same: false });
    for (const kind of [
      'tasks',
      'workingSessions',
      'ipRegistrations',
      'enterprises',
      'projects',
    ] as const) {
      expect(again.manifest.samples[kind]).toEqual(manifest.samples[kind]);
    }
    const logins = (m: Manifest) =>
      Object.values(m.accounts).map(({ id, username, password }) => ({ id, username, password }));
    expect(logins(again.manifest)).toEqual(logins(manifest));
    expect(other.manifest.samples.tasks).not.toEqual(manifest.samples.tasks);
  });

  it('serves the district officer their district: the task list total, a task, the report', async () => {
    const officer = await signIn(manifest.accounts.districtOfficer);
    const [{ n }] = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM task t
         JOIN working_session s ON s.id = t.source_session_id
         JOIN admin_unit u ON u.id = s.host_admin_unit_id
        WHERE t.deleted_at IS NULL AND (u.id = $1 OR u.parent_id = $1)`,
      [manifest.report.adminUnitId],
    );
    const list = await request(http)
      .get('/api/v1/tasks?pageSize=5&sort=-dueDate')
      .set('Authorization', officer)
      .expect(200);
    expect(list.body).toMatchObject({ total: n });
    expect(n).toBeGreaterThan(0);

    const id = manifest.samples.tasks[0];
    const task = await request(http)
      .get(`/api/v1/tasks/${id}`)
      .set('Authorization', officer)
      .expect(200);
    expect(task.headers.etag).toBe(`"${(task.body as { version: number }).version}"`);

    const report = await request(http)
      .get(
        `/api/v1/reports/district-activity?adminUnitId=${manifest.report.adminUnitId}&year=${manifest.report.year}`,
      )
      .set('Authorization', officer);
    expect(report.status).toBe(200);
  });

  it('lets the roles change the sample records with If-Match, and take the create bodies', async () => {
    const staff = await signIn(manifest.accounts.departmentStaff);
    const officer = await signIn(manifest.accounts.districtOfficer);
    const tokens: Record<string, string> = { departmentStaff: staff, districtOfficer: officer };
    // Tasks and sessions are the Department's to change; the others the officer's too.
    const changes: [string, string, string, object][] = [
      ['tasks', manifest.samples.tasks[0], staff, { priority: 'high' }],
      ['working-sessions', manifest.samples.workingSessions[0], staff, { venue: 'Phòng họp số 2' }],
      [
        'ip-registrations',
        manifest.samples.ipRegistrations[0],
        officer,
        { notes: 'Đã rà soát hồ sơ.' },
      ],
      ['enterprises', manifest.samples.enterprises[0], officer, { website: 'https://example.vn' }],
      ['projects', manifest.samples.projects[0], officer, { description: 'Đã rà soát tiến độ.' }],
    ];
    for (const [resource, id, token, body] of changes) {
      const read = await request(http).get(`/api/v1/${resource}/${id}`).set('Authorization', token);
      expect({ resource, status: read.status }).toEqual({ resource, status: 200 });
      const patch = await request(http)
        .patch(`/api/v1/${resource}/${id}`)
        .set('Authorization', token)
        .set('If-Match', read.headers.etag)
        .send(body);
      expect({ resource, status: patch.status, body: patch.body as object }).toMatchObject({
        resource,
        status: 200,
      });
      expect(patch.headers.etag).not.toBe(read.headers.etag);
    }
    const paths: Record<string, string> = {
      task: 'tasks',
      workingSession: 'working-sessions',
      ipRegistration: 'ip-registrations',
      enterprise: 'enterprises',
      project: 'projects',
    };
    for (const [kind, { role, body }] of Object.entries(manifest.samples.create)) {
      const res = await request(http)
        .post(`/api/v1/${paths[kind]}`)
        .set('Authorization', tokens[role])
        .send(body);
      expect({ kind, status: res.status, body: res.body as object }).toMatchObject({
        kind,
        status: 201,
      });
    }
  });
});
