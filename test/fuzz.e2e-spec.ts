import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  describeFailure,
  describeReport,
  describeRequest,
  Fuzz,
  FUZZ_APP_ENV,
  type Report,
} from './fuzz/harness';
import { FIXED_FINDINGS, KNOWN_FINDINGS } from './fuzz/known-findings';
import type { FuzzResponse } from './fuzz/oracle';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every operation of the OpenAPI document the app serves, fuzzed: valid requests from the schemas
 * and examples, then invalid and hostile ones. No answer may be 5xx, every error is problem
 * details, every answer matches the document, and no invalid request is accepted.
 *
 * `npm test` runs a small, fixed-seed smoke; `npm run fuzz` a long run with a random seed
 * (FUZZ_RUNS per operation, FUZZ_SEED to repeat a run, FUZZ_PATH=<operationId>:<n> for one case,
 * FUZZ_TRACE=1 to print every case and why a valid one was refused).
 */
const LONG = process.env.FUZZ_LONG === '1';
const SMOKE_SEED = 20261125;
const SMOKE_RUNS = 5;
const seed =
  LONG && process.env.FUZZ_SEED
    ? Number(process.env.FUZZ_SEED)
    : LONG
      ? randomInt(2 ** 31)
      : SMOKE_SEED;
const runs = LONG ? Number(process.env.FUZZ_RUNS ?? 50) : SMOKE_RUNS;
const only = LONG ? process.env.FUZZ_PATH : undefined;

describe('fuzz of every operation of the OpenAPI document', () => {
  let t: TestApp;
  let fuzz: Fuzz;

  beforeAll(async () => {
    t = await startTestApp({ env: FUZZ_APP_ENV });
    fuzz = await Fuzz.start(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('the oracle', () => {
    // A fuzz whose oracle passes everything finds nothing: each check must fire on a made-up answer.
    const answer = (status: number, body: unknown, type = 'application/json'): FuzzResponse => ({
      status,
      headers: { 'content-type': type },
      text: JSON.stringify(body),
      json: body,
    });

    it('reads every operation of the document, status actions and If-Match included', () => {
      const ids = fuzz.operations.map((op) => op.id);
      expect(ids).toEqual(expect.arrayContaining(['createTask', 'updateTask', 'getTask', 'login']));
      const byId = new Map(fuzz.operations.map((op) => [op.id, op]));
      expect(byId.get('startTask')?.statusAction).toBe(true);
      expect(byId.get('restoreTask')?.statusAction).toBe(false);
      expect(byId.get('updateTask')?.ifMatch).toBe('required');
      expect(byId.get('listTasks')?.ifMatch).toBe('none');
    });

    it('flags 5xx, errors that are not problem details, bodies off the schema, invalid input accepted', async () => {
      const op = fuzz.operations.find((o) => o.id === 'getTask')!;
      const { request } = await fuzz.reproduce({
        operation: 'getTask',
        pathValues: { id: await fuzz.firstId('/api/v1/tasks') },
      });
      const checks = (res: FuzzResponse, violations: string[] = []) =>
        fuzz.oracle.judge(op, request, res, violations).map((p) => p.check);
      const problem = { type: '/problems/x', title: 'X', status: 404, detail: 'x' };
      expect(checks(answer(404, problem, 'application/problem+json'))).toEqual([]);
      expect(
        checks(answer(500, { ...problem, status: 500 }, 'application/problem+json')),
      ).toContain('5xx');
      expect(checks(answer(404, problem))).toContain('problem-format');
      expect(checks(answer(404, { title: 'X' }, 'application/problem+json'))).toContain(
        'problem-format',
      );
      expect(checks(answer(200, { id: 'not a task' }))).toContain('schema');
      expect(checks(answer(418, problem, 'application/problem+json'))).toContain(
        'undocumented-status',
      );
      const task = (await fuzz.reproduce({ operation: 'getTask', pathValues: request.pathValues }))
        .response;
      expect(checks(task)).toEqual([]);
      expect(checks(task, ['made up'])).toContain('invalid-accepted');
      expect(checks({ ...task, headers: { ...task.headers, etag: '"0"' } })).toContain('etag');
    });

    it('judges the request the server judges: trimmed, NFC, unknown fields refused', () => {
      const op = fuzz.operations.find((o) => o.id === 'createOrganisation')!;
      const req = (body: string) => ({
        method: 'POST',
        url: '/api/v1/organisations',
        pathValues: {},
        query: [],
        headers: {},
        body: { raw: body, contentType: 'application/json' },
        caller: 'admin',
      });
      const ctx = { authValid: true };
      const nfd = 'Sở Khoa học và Công nghệ'.normalize('NFD');
      expect(
        fuzz.oracle.violations(op, req(JSON.stringify({ name: nfd, kind: ' other ' })), ctx),
      ).toEqual([]);
      expect(
        fuzz.oracle.violations(op, req('{"name":"Sở","kind":"other","__proto__":{}}'), ctx),
      ).not.toEqual([]);
      expect(fuzz.oracle.violations(op, req('{"name":"Sở"}'), ctx)).not.toEqual([]);
    });
  });

  // Jest refuses an empty table: with nothing known, there is nothing to replay.
  (KNOWN_FINDINGS.length > 0 ? describe : describe.skip)(
    'known findings: each still shows (once fixed, move it to FIXED_FINDINGS)',
    () => {
      it.each(KNOWN_FINDINGS.map((k) => [k.id, k] as const))('%s', async (_, finding) => {
        const result = await finding.reproduce(fuzz);
        const shows = result.problems.some((p) => p.check === finding.check);
        if (!shows) {
          throw new Error(
            `Known finding "${finding.id}" no longer shows: delete its entry from test/fuzz/known-findings.ts.\n` +
              `  ${describeRequest(result.request)}\n  answered ${result.response.status} ${result.response.text.slice(0, 300)}`,
          );
        }
        expect(shows).toBe(true);
      });
    },
  );

  describe('fixed findings: each reproduction is now answered as the document says', () => {
    it.each(FIXED_FINDINGS.map((k) => [k.id, k] as const))('%s', async (_, finding) => {
      const result = await finding.reproduce(fuzz);
      expect({
        request: describeRequest(result.request),
        status: result.response.status,
        problems: result.problems.map((p) => p.check),
      }).toEqual({
        request: describeRequest(result.request),
        status: result.response.status,
        problems: [],
      });
    });
  });

  // One title for both (FUZZ_LONG picks the size); the run prints its seed and size.
  it(
    'no 5xx, nothing invalid accepted, every answer as documented (smoke, or the long run)',
    async () => {
      process.stdout.write(`fuzz: seed ${seed}${only ? `, replaying ${only}` : ''}\n`);
      const report: Report = await fuzz.run({
        seed,
        runs,
        only,
        onCase: process.env.FUZZ_TRACE
          ? (op, c, response) =>
              process.stdout.write(
                `${op.id} ${c.label} → ${response.status}${c.kind === 'valid' && response.status >= 400 ? ` ${describeRequest(c.request).slice(0, 400)} ${response.text.slice(0, 300)}` : ''}\n`,
              )
          : only
            ? (op, c, response, problems) =>
                process.stdout.write(
                  `${op.id} ${c.label}\n  ${describeRequest(c.request)}\n  answered ${response.status} ${response.text.slice(0, 2000)}\n` +
                    `  problems: ${problems.map((p) => `${p.check}: ${p.message}`).join('; ') || 'none'}\n`,
                )
            : undefined,
      });
      const summary = describeReport(report);
      process.stdout.write(`${summary}\n`);
      if (LONG && process.env.FUZZ_REPORT) {
        writeFileSync(
          process.env.FUZZ_REPORT,
          `${summary}\n\n${report.failures.map(describeFailure).join('\n\n')}\n`,
        );
      }
      expect(report.failures.map(describeFailure)).toEqual([]);
    },
    LONG ? 3 * 60 * 60 * 1000 : 120_000,
  );
});
