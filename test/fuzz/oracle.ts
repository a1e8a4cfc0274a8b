import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema, Operation } from './openapi';

/** One HTTP request as the fuzz sends it, exactly (the path already encoded). */
export interface FuzzRequest {
  method: string;
  /** Encoded path and query string. */
  url: string;
  /** Path parameter values as the fuzz chose them (decoded). */
  pathValues: Record<string, string>;
  /** Query pairs, decoded, in order (a name may repeat). */
  query: [string, string][];
  headers: Record<string, string>;
  /** The body as sent, and its media type; absent: no body. */
  body?: { raw: string; contentType: string };
  /** Who sends it, for the report. */
  caller: string;
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, when it is JSON. */
  json?: unknown;
}

/** What the server's current state makes of the request, beyond the document. */
export interface RequestContext {
  /** The version the record is at now, when the fuzz read it (for stale If-Match). */
  currentVersion?: number;
  /** The request carries a token the fuzz signed in for (false: none, or a made-up one). */
  authValid: boolean;
}

export type CheckKind =
  | '5xx'
  | 'problem-format'
  | 'leak'
  | 'undocumented-status'
  | 'schema'
  | 'invalid-accepted'
  | 'etag'
  | 'nfc'
  | 'no-answer'
  /** A rule of API.md the document cannot express (status actions take If-Match optionally). */
  | 'contract';

export interface Problem {
  check: CheckKind;
  message: string;
}

const PROBLEM_JSON = 'application/problem+json';

/** Stack frames, SQL, driver classes: what must never reach a client. */
const LEAK =
  /\n\s+at .+:\d+:\d+|node_modules|QueryFailedError|TypeORM|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b|violates .+ constraint|syntax error at or near|relation ".+" does not exist/i;

// Decimal numbers, as a query string writes them ("010" is ten; "0x10" is not a number).
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IF_MATCH = /^\s*(?:W\/)?"(\d+)"\s*$/;

/** Fields kept verbatim by the server (API.md: a password may end in a space). */
const VERBATIM = /password/i;

/**
 * The server NFC-normalises and trims every string of a body or query before validating it
 * (ARCHITECTURE.md: Vietnamese text). The oracle judges what the server judges: the normalised
 * request. So "  open " is the enum value "open", and NFD text is counted in NFC characters.
 */
export function normalise(value: unknown, key?: string, depth = 0): unknown {
  // Past any depth a schema describes, leave the value as it is (3,000-deep bodies are fuzzed).
  if (depth > 64) return value;
  if (typeof value === 'string') {
    const nfc = value.normalize('NFC');
    return key !== undefined && VERBATIM.test(key) ? nfc : nfc.trim();
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, undefined, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // An own "__proto__" key stays a key, as JSON.parse made it (not the prototype).
      Object.defineProperty(out, k, {
        value: normalise(v, k, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** A copy of a request schema where objects allow only their properties (API.md: unknown fields are rejected). */
function closed(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  if (copy.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([k, v]) => [k, closed(v)]),
    );
    copy.additionalProperties ??= false;
  }
  if (copy.items) copy.items = closed(copy.items);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (copy[key]) copy[key] = copy[key].map(closed);
  }
  return copy;
}

/** Query strings carry text: a number or boolean parameter is read as the document types it. */
function fromQueryString(value: string, schema: JsonSchema): unknown {
  if ((schema.type === 'number' || schema.type === 'integer') && DECIMAL.test(value)) {
    return Number(value);
  }
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function mediaType(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim())
    .join('; ');
}

function nonNfcString(value: unknown, path = '', depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (typeof value === 'string') return value === value.normalize('NFC') ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonNfcString(value[i], `${path}/${i}`, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nonNfcString(v, `${path}/${k}`, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable: true` lets null through whatever else the
 * schema says (an enum, an `allOf` of a referenced object), as OpenAPI tools read it.
 */
function asJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      k === 'enum' || k === 'example' || k === 'default' ? v : asJsonSchema(v),
    ]),
  );
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/** Judges requests against the document (is it valid?) and responses against the document. */
export class Oracle {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    // OpenAPI 3.0 keywords (nullable, example, …) are not JSON Schema's: not strict.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
  }

  private validator(key: string, schema: JsonSchema): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(asJsonSchema(schema) as JsonSchema);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /**
   * Why the document (and API.md where the document is silent) forbids this request; empty when it
   * is valid. Only these reasons make a 2xx answer "invalid input accepted".
   */
  violations(op: Operation, req: FuzzRequest, ctx: RequestContext): string[] {
    const reasons: string[] = [];
    if (op.secured && !ctx.authValid) {
      reasons.push('no bearer token on a secured operation');
    }
    for (const param of op.params.filter((p) => p.in === 'path')) {
      const value = req.pathValues[param.name];
      if (value === undefined || value === '') reasons.push(`path ${param.name} is missing`);
      // The document types path ids as plain strings; API.md: "ids are UUIDs".
      else if (/(^id|Id)$/.test(param.name) && !UUID.test(value)) {
        reasons.push(`path ${param.name} is not a UUID (API.md: ids are UUIDs)`);
      }
    }
    for (const param of op.params.filter((p) => p.in === 'query')) {
      const values = req.query.filter(([k]) => k === param.name).map(([, v]) => v);
      if (values.length === 0) {
        if (param.required) reasons.push(`query ${param.name} is required`);
        continue;
      }
      if (values.length > 1 && param.schema.type !== 'array') {
        reasons.push(`query ${param.name} is repeated`);
        continue;
      }
      const value = fromQueryString(normalise(values[0]) as string, param.schema);
      const validate = this.validator(`${op.id} query ${param.name}`, param.schema);
      if (!validate(value)) reasons.push(`query ${param.name}: ${describeErrors(validate)}`);
    }
    if (op.ifMatch !== 'none') {
      const header = req.headers['If-Match'];
      if (header === undefined) {
        // API.md: a status action checks If-Match when sent but does not require it.
        if (op.ifMatch === 'required' && !op.statusAction) {
          reasons.push('no If-Match (the document lists 428)');
        }
      } else if (header.trim() !== '*') {
        const m = IF_MATCH.exec(header);
        if (!m) reasons.push(`If-Match ${JSON.stringify(header)} is not an ETag`);
        else if (ctx.currentVersion !== undefined && Number(m[1]) !== ctx.currentVersion) {
          reasons.push(`If-Match ${header} is stale (the record is at ${ctx.currentVersion})`);
        }
      }
    }
    if (op.body) {
      if (!req.body) {
        if (op.body.required) reasons.push('the body is required');
      } else if (mediaType(req.body.contentType) !== op.body.mediaType) {
        reasons.push(`the body is ${req.body.contentType}, not ${op.body.mediaType}`);
      } else {
        let value: unknown;
        try {
          value = JSON.parse(req.body.raw);
        } catch {
          reasons.push('the body is not JSON');
          return reasons;
        }
        const validate = this.validator(`${op.id} body`, closed(op.body.schema));
        if (!validate(normalise(value))) reasons.push(`body: ${describeErrors(validate)}`);
      }
    }
    return reasons;
  }

  /** Everything wrong with the answer to a request, given why the request was invalid. */
  judge(op: Operation, req: FuzzRequest, res: FuzzResponse, violations: string[]): Problem[] {
    const problems: Problem[] = [];
    if (op.statusAction && req.headers['If-Match'] === undefined && res.status === 428) {
      problems.push({
        check: 'contract',
        message:
          'a status action without If-Match answered 428; API.md: it checks If-Match when sent but does not require it',
      });
    }
    const type = mediaType(res.headers['content-type']);
    if (res.status >= 500) {
      problems.push({ check: '5xx', message: `answered ${res.status}` });
    }
    if (res.status >= 400) {
      const body = res.json as Record<string, unknown> | undefined;
      if (type !== PROBLEM_JSON) {
        problems.push({ check: 'problem-format', message: `an error as ${type || 'no type'}` });
      } else if (
        !body ||
        typeof body.type !== 'string' ||
        typeof body.title !== 'string' ||
        typeof body.detail !== 'string' ||
        body.status !== res.status
      ) {
        problems.push({
          check: 'problem-format',
          message: 'problem details without type, title, detail or the right status',
        });
      }
      if (LEAK.test(res.text)) {
        problems.push({
          check: 'leak',
          message: `internals in the answer: ${res.text.slice(0, 200)}`,
        });
      }
    }
    const spec = op.responses.get(res.status);
    if (!spec) {
      if (res.status < 500) {
        problems.push({
          check: 'undocumented-status',
          message: `${res.status} is not among the documented ${[...op.responses.keys()].join(', ')}`,
        });
      }
    } else {
      const mediaTypes = Object.keys(spec.content);
      if (mediaTypes.length === 0) {
        if (res.text.length > 0) {
          problems.push({ check: 'schema', message: `a body where the document has none` });
        }
      } else if (!mediaTypes.includes(type)) {
        problems.push({
          check: 'schema',
          message: `answered ${type || 'no type'}, the document says ${mediaTypes.join(', ')}`,
        });
      } else {
        const schema = spec.content[type];
        // A file (CSV, XLSX, PDF: `format: binary`) has no JSON to check; its type matched above.
        if (schema && /json/.test(type)) {
          const validate = this.validator(`${op.id} ${res.status} ${type}`, schema);
          if (!validate(res.json)) {
            problems.push({
              check: 'schema',
              message: `the ${res.status} body does not match the document: ${describeErrors(validate)}`,
            });
          }
        }
      }
    }
    if (res.status >= 200 && res.status < 300) {
      if (violations.length > 0) {
        problems.push({
          check: 'invalid-accepted',
          message: `answered ${res.status} to an invalid request: ${violations.join('; ')}`,
        });
      }
      const version = (res.json as { version?: unknown } | undefined)?.version;
      if (typeof version === 'number' && res.headers.etag !== `"${version}"`) {
        problems.push({
          check: 'etag',
          message: `version ${version} but ETag ${String(res.headers.etag)}`,
        });
      }
      const where = nonNfcString(res.json);
      if (where !== undefined) {
        problems.push({ check: 'nfc', message: `text not in NFC at ${where || '(root)'}` });
      }
    }
    return problems;
  }
}
