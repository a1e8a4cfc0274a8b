import type { Fuzz, Observation, ReproResult } from './harness';
import type { CheckKind } from './oracle';

/**
 * What the fuzz found. `KNOWN_FINDINGS` are not fixed yet: a problem an entry explains counts as
 * known (the run stays green), and the spec replays each entry's reproduction and fails once it
 * no longer shows (then move the entry to `FIXED_FINDINGS`). `FIXED_FINDINGS` keep every fixed
 * finding's reproduction as a regression test: each must now be answered as documented.
 *
 * Found on 2026-12-01 (main at b87b7a1; line numbers are of that commit), all fixed since.
 */
export interface KnownFinding {
  id: string;
  check: CheckKind;
  /** operationIds, or every operation. */
  operations: '*' | string[];
  what: string;
  /** Whether a problem the fuzz saw is this finding. */
  matches(obs: Observation): boolean;
  /** The smallest request that shows it, sent as an administrator. */
  reproduce(fuzz: Fuzz): Promise<ReproResult>;
}

function parsedBody(obs: Observation): unknown {
  try {
    return obs.request.body ? JSON.parse(obs.request.body.raw) : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every string a request carries (query values, path values, body strings), decoded. */
function strings(obs: Observation): string[] {
  const out: string[] = [
    ...obs.request.query.map(([, v]) => v),
    ...Object.values(obs.request.pathValues),
  ];
  const walk = (value: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
    else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        out.push(k);
        walk(v, depth + 1);
      }
    }
  };
  walk(parsedBody(obs), 0);
  return out;
}

/** How deep the brackets of a JSON text go (outside strings). */
export function jsonDepth(raw: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/** An instant whose offset hours pass 23 or minutes pass 59: the validator's regex lets it by. */
const BAD_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-](\d{2}):(\d{2})$/;
function hasBadOffset(s: string): boolean {
  const m = BAD_OFFSET.exec(s.trim());
  return m !== null && (Number(m[3]) > 23 || Number(m[4]) > 59);
}

const OBJECT_PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

export const KNOWN_FINDINGS: KnownFinding[] = [];

export const FIXED_FINDINGS: KnownFinding[] = [
  {
    id: 'nul-byte-500',
    check: '5xx',
    operations: '*',
    // Nothing refuses control characters (normalizeText, libs/platform/src/text/vietnamese-text.ts:8,
    // keeps them), so the text reaches PostgreSQL, which refuses it with 22021 ("invalid byte
    // sequence for encoding UTF8: 0x00"); translateDatabaseError
    // (libs/platform/src/http/database-errors.ts:53-93) has no case for 22021, so
    // ProblemDetailsFilter answers 500 (problem-details.filter.ts:87). In a body, in `q` (the search
    // key is made in SQL, list-query.ts:118) and in the username of a sign-in (auth.service.ts:67).
    what: 'A NUL character (\\u0000) in any text that reaches PostgreSQL answers 500',
    matches: (obs) => strings(obs).some((s) => s.includes('\u0000')),
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createOrganisation',
        body: { name: 'Sở\u0000KH&CN', kind: 'department' },
      }),
  },
  {
    id: 'deep-json-500',
    check: '5xx',
    operations: '*',
    // express.json parses any depth; then NormalizeTextPipe → normalizeInput recurses once per
    // level (libs/platform/src/text/vietnamese-text.ts:21-37: stack overflow at about 3,000
    // levels), and the ValidationPipe's class-transformer plainToInstance
    // (libs/platform/src/http/validation.ts:26-36) overflows from about 1,500 levels, even for an
    // unknown field it would reject. The RangeError becomes a 500
    // (problem-details.filter.ts:87). A depth limit before the pipes (configure-app.ts:89-91) fixes both.
    what: 'A JSON body nested 1,500+ levels deep answers 500 (stack overflow)',
    matches: (obs) => obs.request.body !== undefined && jsonDepth(obs.request.body.raw) >= 1000,
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createOrganisation',
        rawBody: `{"name":"Sở KH&CN","kind":"department","x":${'['.repeat(3000)}${']'.repeat(3000)}}`,
      }),
  },
  {
    id: 'instant-offset-500',
    check: '5xx',
    operations: ['createWorkingSession', 'updateWorkingSession'],
    // IsInstant's regex (libs/platform/src/http/date-validators.ts:10-11) takes any two-digit
    // offset and only checks the time's own hour, minute and second (line 77); `new Date()` of
    // "+25:00", "-99:00", "+24:00" or "+07:60" is an Invalid Date, and assertHost formats it with
    // calendarDate (libs/sessions/src/working-sessions/working-sessions.service.ts:252 →
    // libs/platform/src/time/clock.ts:21-26), whose Intl.DateTimeFormat throws RangeError → 500.
    what: 'startsAt with an offset past ±23:59 (+25:00, -99:00, +07:60) answers 500',
    matches: (obs) => strings(obs).some(hasBadOffset),
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createWorkingSession',
        body: {
          kind: 'working_visit',
          title: 'Làm việc với UBND quận',
          startsAt: '2026-01-10T14:00:00+25:00',
          hostAdminUnitId: fuzz.world.district.id,
          reportingYear: 2026,
        },
      }),
  },
  {
    id: 'prototype-named-fields-accepted',
    check: 'invalid-accepted',
    operations: '*',
    // class-transformer's plainToInstance, which the ValidationPipe runs before class-validator
    // (libs/platform/src/http/validation.ts:26-36), skips "__proto__" and "constructor"
    // (node_modules/class-transformer/cjs/TransformOperationExecutor.js:155) and every key the
    // instance already has as a method (toString, hasOwnProperty, valueOf, …: lines 272-277). So
    // the whitelist check (forbidNonWhitelisted) never sees them: silently dropped, 2xx.
    what: 'A body field named __proto__, constructor, toString, hasOwnProperty, … is ignored, not rejected',
    matches: (obs) => {
      const body = parsedBody(obs);
      return isObject(body) && Object.keys(body).some((k) => OBJECT_PROTOTYPE_KEYS.has(k));
    },
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createOrganisation',
        rawBody: '{"name":"Hợp tác xã","kind":"cooperative","__proto__":{"isAdmin":true}}',
      }),
  },
  {
    id: 'null-for-non-nullable-accepted',
    check: 'invalid-accepted',
    operations: '*',
    // @IsOptional() lets null through as well as undefined, and the services read null as "not
    // sent": createTask priority and coOrganisationIds (libs/tasks/src/dto/task.dto.ts:92,111,
    // tasks.service.ts:104,138), createWorkingSession topics (working-sessions.service.ts:153),
    // createTaskUpdate percent (libs/tasks/src/updates/dto/task-update.dto.ts:30), createUser
    // active; updateUser role (UpdateUserDto is a PartialType, libs/platform/src/auth/dto/user.dto.ts:81,
    // and users.service.ts:103 reads `changes.role ?? user.role`; no rejectNulls there, unlike the
    // other PATCHes). The document says these fields are not nullable: 400 is the answer.
    what: 'null for an optional field the document says is not nullable is accepted as "not sent"',
    matches: (obs) => {
      const body = parsedBody(obs);
      const props = obs.op.body?.schema.properties ?? {};
      return (
        isObject(body) &&
        Object.entries(body).some(
          ([k, v]) => v === null && props[k] !== undefined && !props[k].nullable,
        )
      );
    },
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createTask',
        body: {
          title: 'Viết dự án đề xuất',
          leadOrganisationId: fuzz.world.centre.id,
          priority: null,
        },
      }),
  },
  {
    id: 'null-password-500',
    check: '5xx',
    operations: ['updateUser'],
    // UpdateUserDto is a PartialType (libs/platform/src/auth/dto/user.dto.ts:81): its @IsOptional()
    // lets `password: null` through; users.service.ts:113-114 tests only `!== undefined` and calls
    // assertAcceptablePassword(null, …), whose passwordProblem reads `password.length`
    // (libs/platform/src/auth/password.ts:9): TypeError → 500.
    what: 'PATCH /users/{id} with "password": null answers 500',
    matches: (obs) => {
      const body = parsedBody(obs);
      return isObject(body) && body.password === null;
    },
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'updateUser',
        pathValues: { id: fuzz.world.userIds.staff },
        currentIfMatch: true,
        body: { password: null },
      }),
  },
  {
    id: 'non-json-body-ignored',
    check: 'invalid-accepted',
    operations: '*',
    // express.json parses only application/json and application/*+json
    // (libs/platform/src/http/configure-app.ts:89-91); any other body is left unread, and Nest's
    // ValidationPipe turns the absent body into {} (validation.ts:26-36). A PATCH sent as text/plain,
    // form or XML answers 200 having changed nothing; a status action runs without its note. 415
    // (documented) is the answer.
    what: 'A body that is not JSON (text/plain, form, XML) is read as {}: PATCHes answer 200 and change nothing',
    matches: (obs) => / not application\/json/.test(obs.problem.message),
    reproduce: async (fuzz) =>
      fuzz.reproduce({
        operation: 'updateOrganisation',
        pathValues: { id: fuzz.world.centre.id },
        currentIfMatch: true,
        rawBody: '{"name":"Trung tâm mới"}',
        contentType: 'text/plain',
      }),
  },
  {
    id: 'required-body-absent-accepted',
    check: 'invalid-accepted',
    operations: '*',
    // The document marks the body of every PATCH and status action required (Nest's @Body()
    // default), but the ValidationPipe takes an absent body as {} (validation.ts:26-36): PATCH answers
    // 200 with no change, actions run. For status actions API.md says the body is optional: the
    // document should say `required: false` there (@ApiBody({ required: false })); for PATCH, either
    // refuse an absent body or document it as optional.
    what: 'No body where the document says the body is required is accepted as {}',
    matches: (obs) => /the body is required/.test(obs.problem.message),
    reproduce: async (fuzz) =>
      fuzz.reproduce({
        operation: 'updateOrganisation',
        pathValues: { id: fuzz.world.centre.id },
        currentIfMatch: true,
      }),
  },
  {
    id: 'query-number-prefixes-accepted',
    check: 'invalid-accepted',
    operations: '*',
    // @Type(() => Number) converts with Number() (libs/platform/src/http/list-query.ts:24,32
    // for page and pageSize; the `year` filter, working-session.dto.ts:205), which reads "0x10" as 16, "0b11" as 3
    // and "0o7" as 7. The document types them as numbers: 400 is the answer.
    what: 'page=0x10, pageSize=0b11, year=0x7e7: hexadecimal, binary and octal numbers are accepted in the query',
    matches: (obs) => obs.request.query.some(([, v]) => /^\s*[+-]?0[xXbBoO]/.test(v)),
    reproduce: (fuzz) =>
      fuzz.reproduce({ operation: 'listOrganisations', query: [['page', '0x10']] }),
  },
  {
    id: 'payload-statuses-undocumented',
    check: 'undocumented-status',
    operations: '*',
    // The body parser's 413 (over BODY_LIMIT) and 415 (unsupported charset) are answered as
    // problem details (configure-app.ts:93-107) but no operation documents them; ApiProblems has a
    // description for 413 (libs/platform/src/http/api-problems.decorator.ts:12) that no route uses.
    what: 'Every operation with a body can answer 413 and 415, and none documents them',
    matches: (obs) => obs.response.status === 413 || obs.response.status === 415,
    reproduce: (fuzz) =>
      fuzz.reproduce({
        operation: 'createOrganisation',
        body: { name: 'a'.repeat(2_000_000), kind: 'other' },
      }),
  },
  {
    id: 'status-action-requires-if-match',
    check: 'contract',
    operations: '*',
    // API.md: "A status action accepts If-Match and checks it when sent (412 when stale) but does
    // not require it". Every action takes @IfMatchVersion() (libs/tasks/src/tasks.controller.ts:107,
    // 125, 143, 161; libs/sessions/src/working-sessions/working-sessions.controller.ts:128, 146, 164), whose
    // parseIfMatch throws 428 when it is absent (libs/platform/src/http/etag.ts:22), and the
    // e2e tests assert that 428 (test/tasks.e2e-spec.ts:254, test/sessions.e2e-spec.ts:547).
    what: 'Status actions without If-Match answer 428, though API.md says If-Match is optional there',
    matches: () => true,
    reproduce: async (fuzz) =>
      fuzz.reproduce({
        operation: 'startTask',
        pathValues: { id: await fuzz.firstId('/api/v1/tasks') },
        body: {},
      }),
  },
];
