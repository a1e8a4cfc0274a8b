import fc from 'fast-check';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { SYSTEM_ACTOR, UsersService } from '@app/platform';
import { createTask, created, sessionWithConclusion } from '../support/sessions';
import type { TestApp } from '../support/test-app';
import { buildWorld, TEST_PASSWORD, type World } from '../support/world';
import { type CallerName, type Case, CaseBuilder, type CaseKind } from './cases';
import { Draw } from './draw';
import { Http, queryString } from './http';
import { KNOWN_FINDINGS, type KnownFinding } from './known-findings';
import { fillPath, listOperations, type OpenApiDocument, type Operation } from './openapi';
import {
  type CheckKind,
  type FuzzRequest,
  type FuzzResponse,
  Oracle,
  type Problem,
  type RequestContext,
} from './oracle';
import { Targets } from './targets';

/** The app as the fuzz starts it: sign-in throttling loose enough for thousands of requests. */
export const FUZZ_APP_ENV = {
  LOGIN_MAX_FAILURES: '1000',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
  LOGIN_LOCKOUT_S: '1',
};

export interface Observation {
  op: Operation;
  kind: CaseKind;
  label: string;
  request: FuzzRequest;
  response: FuzzResponse;
  problem: Problem;
}

export interface Failure extends Observation {
  /** How to run this one case again. */
  replay: string;
}

export interface OpStats {
  cases: number;
  kinds: Record<CaseKind, number>;
  statuses: Record<number, number>;
  /** Valid cases answered 2xx: how far valid requests got. */
  validAccepted: number;
  problems: Partial<Record<CheckKind, number>>;
  known: number;
  unknown: number;
}

export interface Report {
  seed: number;
  runs: number;
  cases: number;
  /** Every request sent, the fuzz's own reads (ids, ETags) included. */
  requests: number;
  ms: number;
  byOp: Map<string, OpStats>;
  /** Problems no known finding explains: these fail the run. */
  failures: Failure[];
  /** Problems a known finding explains, by finding. */
  known: Map<string, Map<string, number>>;
}

export interface RunOptions {
  seed: number;
  runs: number;
  /** Replay one case: `operationId:path` (FUZZ_PATH). */
  only?: string;
  /** Called after each case (progress, replay output). */
  onCase?: (op: Operation, c: Case, response: FuzzResponse, problems: Problem[]) => void;
}

/** One request of a reproduction: an operation and what to put in it. */
export interface ReproRequest {
  operation: string;
  pathValues?: Record<string, string>;
  query?: [string, string][];
  headers?: Record<string, string>;
  /** A value to send as JSON. */
  body?: unknown;
  /** Bytes to send as the body instead. */
  rawBody?: string;
  contentType?: string;
  /** Sends `If-Match` with the record's current ETag (read first). */
  currentIfMatch?: boolean;
}

export interface ReproResult {
  request: FuzzRequest;
  response: FuzzResponse;
  violations: string[];
  problems: Problem[];
}

/** A per-operation seed from the run's seed, so operations do not share one random sequence. */
export function seedFor(seed: number, operationId: string): number {
  return createHash('sha256').update(`${seed}:${operationId}`).digest().readInt32LE(0);
}

/**
 * A live record and a deleted one of every other module, with their children, so reads, changes,
 * actions and restores of those routes reach real rows.
 */
async function seedModules(world: World): Promise<void> {
  const staff = world.as.staff;
  const gone = async (path: string, record: { id: string; version: number }) =>
    staff.delete(`${path}/${record.id}`, record.version).expect(200);

  const programme = await created(
    staff.post('/api/v1/programmes', {
      code: 'FUZZ-2023',
      name: 'Chương trình phát triển tài sản trí tuệ năm 2023',
      ownerOrganisationId: world.department.id,
      startYear: 2023,
      endYear: 2025,
    }),
  );
  await gone(
    '/api/v1/programmes',
    await created(
      staff.post('/api/v1/programmes', {
        code: 'FUZZ-CU',
        name: 'Chương trình cũ',
        ownerOrganisationId: world.department.id,
        startYear: 2020,
        endYear: 2021,
      }),
    ),
  );

  const enterprise = await created(
    staff.post('/api/v1/enterprises', {
      name: 'Công ty Cổ phần Dược thảo Thử',
      legalForm: 'joint_stock',
      adminUnitId: world.commune.id,
    }),
  );
  await created(
    staff.post(`/api/v1/enterprises/${enterprise.id}/st-certificates`, {
      certificateNumber: 'MẪU-FUZZ/DNKHCN',
      issuedOn: '2023-05-15',
      issuerOrganisationId: world.department.id,
    }),
  );
  await created(
    staff.post(`/api/v1/enterprises/${enterprise.id}/support-needs`, {
      category: 'quality_standards',
      description: 'Hỗ trợ áp dụng TCVN ISO 22000',
      reportedOn: '2023-08-08',
    }),
  );
  await gone(
    '/api/v1/enterprises',
    await created(
      staff.post('/api/v1/enterprises', {
        name: 'Công ty TNHH Đã giải thể',
        legalForm: 'llc',
        adminUnitId: world.commune.id,
      }),
    ),
  );

  const registration = await created(
    staff.post('/api/v1/ip-registrations', {
      kind: 'collective_mark',
      name: 'Nấm bào ngư phường Thới An Đông',
      product: 'Nấm bào ngư',
      niceClasses: [31],
      adminUnitId: world.commune.id,
      supportingOrganisationId: world.districtOffice.id,
      programmeId: programme.id,
      supportYear: 2023,
    }),
  );
  await gone(
    '/api/v1/ip-registrations',
    await created(
      staff.post('/api/v1/ip-registrations', {
        kind: 'trademark',
        name: 'Nhãn hiệu đã huỷ',
        product: 'Bánh tét lá cẩm',
        niceClasses: [30],
        adminUnitId: world.commune.id,
        supportYear: 2023,
      }),
    ),
  );
  void registration;

  const project = await created(
    staff.post('/api/v1/projects', {
      kind: 'agricultural_model',
      title: 'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp',
      adminUnitIds: [world.district.id],
      leadOrganisationId: world.districtOffice.id,
      programmeId: programme.id,
    }),
  );
  await created(
    staff.post(`/api/v1/projects/${project.id}/participants`, {
      name: 'Hộ mẫu 1 (dữ liệu mẫu)',
      adminUnitId: world.commune.id,
      areaM2: 500,
    }),
  );
  await created(
    staff.post(`/api/v1/projects/${project.id}/indicators`, {
      name: 'Năng suất khổ qua',
      unit: 'kg/1000 m²',
      target: 4000,
    }),
  );
  await gone(
    '/api/v1/projects',
    await created(
      staff.post('/api/v1/projects', {
        kind: 'other',
        title: 'Dự án đã huỷ',
        adminUnitIds: [world.district.id],
      }),
    ),
  );
}

/** Reads first, then creations, then changes, then deletes and restores: a world to act on. */
function rank(op: Operation): number {
  const hasParams = op.path.includes('{');
  if (op.method === 'get') return 0;
  if (/\/restore$/.test(op.path)) return 5;
  if (op.method === 'delete') return 4;
  if (op.method === 'patch' || op.method === 'put') return 3;
  return hasParams ? 2 : 1;
}

const SELF_PASSWORD = 'fuzz self password 1';

/** The fuzz: a world, the document, callers, and the loop over operations. */
export class Fuzz {
  readonly http: Http;
  readonly oracle = new Oracle();
  readonly operations: Operation[];
  readonly targets: Targets;
  private self?: { token: string };
  private selfCount = 0;

  private constructor(
    private readonly t: TestApp,
    readonly world: World,
    doc: OpenApiDocument,
    private readonly loginAccount: { username: string; password: string; id: string },
  ) {
    this.http = new Http(t.http);
    this.operations = listOperations(doc);
    this.targets = new Targets(
      this.http,
      this.operations,
      () => this.world.as.admin.token!,
      new Set([world.userIds.admin, world.userIds.leader, loginAccount.id]),
    );
  }

  /** A world with sessions, records, tasks and deleted records, and the document the app serves. */
  static async start(t: TestApp): Promise<Fuzz> {
    const world = await buildWorld(t);
    const staff = world.as.staff;
    const { session, conclusion } = await sessionWithConclusion(world);
    await sessionWithConclusion(world, { title: 'Giao ban quý III', kind: 'briefing' });
    const task = await createTask(staff, world.centre.id, {
      sourceRecordId: conclusion.id,
      dueDate: '2026-03-31',
    });
    await createTask(staff, world.districtOffice.id, { sourceSessionId: session.id });
    await created(
      staff.post(`/api/v1/tasks/${task.id}/updates`, { note: 'Đã liên hệ', percent: 40 }),
    );
    // Deleted records, so restores have something to bring back.
    const gone = await createTask(staff, world.centre.id, { title: 'Nhiệm vụ đã xoá' });
    await staff.delete(`/api/v1/tasks/${gone.id}`, gone.version).expect(200);
    const org = await created(
      world.as.admin.post('/api/v1/organisations', {
        name: 'Hợp tác xã Cồn Sơn',
        kind: 'cooperative',
      }),
    );
    await world.as.admin.delete(`/api/v1/organisations/${org.id}`, org.version).expect(200);
    await seedModules(world);

    const users = t.app.get(UsersService);
    const login = { username: 'fuzz.login', password: TEST_PASSWORD };
    const account = await users.create(SYSTEM_ACTOR, {
      ...login,
      fullName: 'Fuzz sign-in',
      role: 'leadership',
    });

    const doc = (await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument;
    return new Fuzz(t, world, doc, { ...login, id: account.id });
  }

  /** A fresh account for the operations on one's own account (sign out, change password). */
  private async ensureSelf(): Promise<void> {
    if (this.self) return;
    const username = `fuzz.self.${++this.selfCount}`;
    await this.t.app.get(UsersService).create(SYSTEM_ACTOR, {
      username,
      password: SELF_PASSWORD,
      fullName: 'Fuzz self',
      role: 'leadership',
    });
    const res = await request(this.t.http)
      .post('/api/v1/auth/login')
      .send({ username, password: SELF_PASSWORD });
    this.http.sent++;
    if (res.status !== 200)
      throw new Error(`Could not sign in ${username}: ${res.status} ${res.text}`);
    this.self = { token: (res.body as { accessToken: string }).accessToken };
  }

  private token(caller: CallerName): string | undefined {
    switch (caller) {
      case 'admin':
        return this.world.as.admin.token;
      case 'leader':
        return this.world.as.leader.token;
      case 'self':
        return this.self?.token;
      case 'anonymous':
        return undefined;
    }
  }

  private usesSelf(op: Operation): boolean {
    return op.secured && op.path.startsWith('/api/v1/auth/');
  }

  private operation(id: string): Operation {
    const op = this.operations.find((o) => o.id === id);
    if (!op) throw new Error(`No operation ${id} in the document`);
    return op;
  }

  knownFor(obs: Observation): KnownFinding | undefined {
    return KNOWN_FINDINGS.find(
      (k) =>
        k.check === obs.problem.check &&
        (k.operations === '*' || k.operations.includes(obs.op.id)) &&
        k.matches(obs),
    );
  }

  async run(options: RunOptions): Promise<Report> {
    const started = Date.now();
    const sentBefore = this.http.sent;
    const report: Report = {
      seed: options.seed,
      runs: options.runs,
      cases: 0,
      requests: 0,
      ms: 0,
      byOp: new Map(),
      failures: [],
      known: new Map(),
    };
    const [onlyOp, onlyPath] = options.only ? options.only.split(/:(.*)/s) : [];
    const ordered = [...this.operations].sort((a, b) => rank(a) - rank(b));
    for (const op of ordered) {
      if (onlyOp !== undefined && op.id !== onlyOp) continue;
      const stats: OpStats = {
        cases: 0,
        kinds: { valid: 0, invalid: 0, hostile: 0 },
        statuses: {},
        validAccepted: 0,
        problems: {},
        known: 0,
        unknown: 0,
      };
      report.byOp.set(op.id, stats);
      const seed = seedFor(options.seed, op.id);
      let index = onlyPath !== undefined ? Number(onlyPath.split(':')[0]) : 0;
      const property = fc.asyncProperty(fc.gen(), async (g) => {
        const path = String(index++);
        await this.runCase(op, new Draw(g), Number(path), seed, path, stats, report, options);
        return true;
      });
      const result = await fc.check(property, {
        seed,
        numRuns: onlyPath !== undefined ? 1 : options.runs,
        // A throw here is the fuzz's own bug: no shrinking against a server whose state moved on.
        endOnFailure: true,
        ...(onlyPath !== undefined ? { path: onlyPath } : {}),
      });
      if (result.failed)
        throw new Error(
          `The fuzz itself failed on ${op.id}: ${String(result.errorInstance)}\n${(result.errorInstance as Error | undefined)?.stack ?? ''}`,
        );
    }
    report.requests = this.http.sent - sentBefore;
    report.ms = Date.now() - started;
    return report;
  }

  private async runCase(
    op: Operation,
    draw: Draw,
    index: number,
    seed: number,
    path: string,
    stats: OpStats,
    report: Report,
    options: RunOptions,
  ): Promise<void> {
    if (this.usesSelf(op)) await this.ensureSelf();
    const env = {
      http: this.http,
      targets: this.targets,
      token: (caller: CallerName) => this.token(caller),
      credentials: () => ({
        username: this.loginAccount.username,
        password: this.loginAccount.password,
      }),
      password: (caller: CallerName) =>
        caller === 'self' ? SELF_PASSWORD : caller === 'anonymous' ? undefined : TEST_PASSWORD,
    };
    const c = await new CaseBuilder(draw, op, env).build(index);
    const { response, problems } = await this.exchange(op, c.request, c.ctx);
    stats.cases++;
    report.cases++;
    stats.kinds[c.kind]++;
    stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
    if (c.kind === 'valid' && response.status >= 200 && response.status < 300)
      stats.validAccepted++;
    for (const problem of problems) {
      stats.problems[problem.check] = (stats.problems[problem.check] ?? 0) + 1;
      const obs: Observation = {
        op,
        kind: c.kind,
        label: c.label,
        request: c.request,
        response,
        problem,
      };
      const known = this.knownFor(obs);
      if (known) {
        stats.known++;
        const byOp = report.known.get(known.id) ?? new Map<string, number>();
        byOp.set(op.id, (byOp.get(op.id) ?? 0) + 1);
        report.known.set(known.id, byOp);
      } else {
        stats.unknown++;
        report.failures.push({
          ...obs,
          replay: `FUZZ_SEED=${report.seed} FUZZ_PATH=${op.id}:${path} npm run fuzz   (operation seed ${seed})`,
        });
      }
    }
    options.onCase?.(op, c, response, problems);
  }

  /** Sends one request, then judges it; keeps the fuzz's picture of the server up to date. */
  async exchange(
    op: Operation,
    req: FuzzRequest,
    ctx: RequestContext,
  ): Promise<{ response: FuzzResponse; violations: string[]; problems: Problem[] }> {
    const violations = this.oracle.violations(op, req, ctx);
    const response = await this.http.send(req);
    const problems: Problem[] =
      response.status === 0
        ? [{ check: 'no-answer', message: response.text }]
        : this.oracle.judge(op, req, response, violations);
    const ok = response.status >= 200 && response.status < 300;
    if (op.method !== 'get' && (ok || response.status >= 500)) this.targets.invalidate();
    if (this.usesSelf(op) && (ok || response.status === 401)) this.self = undefined;
    return { response, violations, problems };
  }

  /** Sends a reproduction of a known finding as an administrator, and judges the answer. */
  async reproduce(r: ReproRequest): Promise<ReproResult> {
    const op = this.operation(r.operation);
    const pathValues = r.pathValues ?? {};
    const ctx: RequestContext = { authValid: true };
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.world.as.admin.token!}`,
      ...r.headers,
    };
    if (r.currentIfMatch) {
      const template = op.path.replace(/\/[^/{}]+$/, '');
      const res = await this.http.get(fillPath(template, pathValues), this.world.as.admin.token);
      const etag = String(res.headers.etag ?? '');
      ctx.currentVersion = Number(etag.replace(/"/g, ''));
      headers['If-Match'] = etag;
    }
    const raw = r.rawBody ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
    const req: FuzzRequest = {
      method: op.method.toUpperCase(),
      url: `${fillPath(op.path, pathValues)}${queryString(r.query ?? [])}`,
      pathValues,
      query: r.query ?? [],
      headers,
      body:
        raw === undefined ? undefined : { raw, contentType: r.contentType ?? 'application/json' },
      caller: 'admin',
    };
    const { response, violations, problems } = await this.exchange(op, req, ctx);
    return { request: req, response, violations, problems };
  }

  /** The id of the first record a list answers (for reproductions). */
  async firstId(collection: string, values: Record<string, string> = {}): Promise<string> {
    const items = await this.targets.items(collection, values);
    if (items.length === 0) throw new Error(`No records in ${collection}`);
    return items[0].id;
  }
}

// ---- the report ----

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}… (${text.length} characters)` : text;
}

export function describeRequest(req: FuzzRequest): string {
  const headers = Object.entries(req.headers)
    .map(
      ([k, v]) =>
        `${k}: ${k === 'Authorization' ? v.replace(/ \S{12,}$/, ' <token>') : truncate(v, 60)}`,
    )
    .join('; ');
  const body = req.body
    ? ` ${req.body.contentType} ${truncate(JSON.stringify(req.body.raw), 300)}`
    : '';
  return `${req.method} ${truncate(req.url, 200)} as ${req.caller} [${headers}]${body}`;
}

export function describeFailure(f: Failure): string {
  return [
    `${f.op.id} — ${f.problem.check}: ${f.problem.message}`,
    `  case:     ${f.label}`,
    `  request:  ${describeRequest(f.request)}`,
    `  answer:   ${f.response.status} ${truncate(f.response.text, 300)}`,
    `  replay:   ${f.replay}`,
  ].join('\n');
}

function sum(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}

export function describeReport(report: Report): string {
  const lines: string[] = [];
  const totals: Partial<Record<CheckKind, number>> = {};
  let fivexx = 0;
  for (const stats of report.byOp.values()) {
    for (const [check, n] of Object.entries(stats.problems)) {
      totals[check as CheckKind] = (totals[check as CheckKind] ?? 0) + n;
    }
    fivexx += Object.entries(stats.statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
  }
  lines.push(
    `fuzz: seed ${report.seed}, ${report.runs} runs per operation, ${report.byOp.size} operations, ` +
      `${report.cases} cases, ${report.requests} requests, ${(report.ms / 1000).toFixed(1)} s`,
  );
  lines.push(
    `  answers 5xx: ${fivexx}; schema mismatches: ${totals.schema ?? 0}; undocumented statuses: ` +
      `${totals['undocumented-status'] ?? 0}; invalid inputs accepted: ${totals['invalid-accepted'] ?? 0}; ` +
      `problem-format: ${totals['problem-format'] ?? 0}; leaks: ${totals.leak ?? 0}; ETag: ${totals.etag ?? 0}; ` +
      `non-NFC: ${totals.nfc ?? 0}; no answer: ${totals['no-answer'] ?? 0}`,
  );
  lines.push(
    `  new problems: ${report.failures.length}; explained by known findings: ${[...report.known.values()].reduce((a, m) => a + sum(m), 0)}`,
  );
  for (const [id, byOp] of [...report.known.entries()].sort()) {
    const ops = [...byOp.entries()].map(([op, n]) => `${op}×${n}`).join(' ');
    lines.push(`    known ${id}: ${sum(byOp)} (${ops})`);
  }
  lines.push(
    '  per operation: cases (valid/invalid/hostile), valid answered 2xx, statuses, problems',
  );
  for (const [id, s] of report.byOp) {
    const statuses = Object.entries(s.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    const problems = Object.entries(s.problems)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    lines.push(
      `    ${id.padEnd(28)} ${String(s.cases).padStart(4)} (${s.kinds.valid}/${s.kinds.invalid}/${s.kinds.hostile}) ` +
        `valid-2xx ${String(s.validAccepted).padStart(3)}  ${statuses}${problems ? `  | ${problems}` : ''}`,
    );
  }
  return lines.join('\n');
}
