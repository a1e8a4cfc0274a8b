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
import { KNOWN_FINDINGS } from './fuzz/known-findings';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every operation of the OpenAPI document the app serves, fuzzed: valid requests from the schemas
 * and examples, then invalid and hostile ones. No answer may be 5xx, every error is problem
 * details, every answer matches the document, and no invalid request is accepted.
 *
 * `npm test` runs a small, fixed-seed smoke; `npm run fuzz` a long run with a random seed
 * (FUZZ_RUNS per operation, FUZZ_SEED to repeat a run, FUZZ_PATH=<operationId>:<n> for one case).
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

  describe('known findings: each still shows (once fixed, delete its entry)', () => {
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
