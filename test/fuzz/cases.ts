import fc from 'fast-check';
import { type Draw, drawDate, drawInstant, drawText, longText } from './draw';
import { BODY_SEEDS, idCollection, temporalKind } from './hints';
import { encode, type Http, queryString } from './http';
import { fillPath, type JsonSchema, type Operation, pathParamNames } from './openapi';
import type { FuzzRequest, RequestContext } from './oracle';
import { type Item, Targets } from './targets';

export type CaseKind = 'valid' | 'invalid' | 'hostile';
/** A name, and what makes the request wrong (returns a detail for the label). */
type Mutation = [string, () => Promise<string | void> | string | void];
export type CallerName = 'admin' | 'leader' | 'self' | 'anonymous';
type Mode = 'example' | 'random' | 'minimal';

/** A request being built: values, not yet bytes. */
export interface Draft {
  caller: CallerName;
  pathValues: Record<string, string>;
  /** Path segments sent as they are, not encoded (hostile paths). */
  rawSegments: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** The body as a value; `undefined` with `hasBody` false: no body. */
  body?: unknown;
  hasBody: boolean;
  /** Bytes that replace the serialised body (malformed or 3,000-deep JSON). */
  rawBody?: string;
  contentType: string;
  ctx: RequestContext;
}

export interface Case {
  kind: CaseKind;
  label: string;
  request: FuzzRequest;
  ctx: RequestContext;
}

export interface CaseEnv {
  http: Http;
  targets: Targets;
  token(caller: CallerName): string | undefined;
  /** A username and password that sign in. */
  credentials(): { username: string; password: string };
  /** The password of a caller's account, when the fuzz knows it. */
  password(caller: CallerName): string | undefined;
}

const DEEP = 3000;
const DEEP_MARK = '"__fuzz_deep__"';

const MALFORMED_UUIDS = (uuid: string) => [
  'not-a-uuid',
  '12345',
  '00000000-0000-0000-0000-00000000000',
  uuid.replace(/-/g, ''),
  `${uuid}0`,
  `${uuid.slice(0, -1)}g`,
  `{${uuid}}`,
  `${uuid.slice(0, 8)}_${uuid.slice(9)}`,
  'null',
  '1',
];

/** Odd dates and instants: the regexes accept them, the calendar or the database may not. */
const ODD_DATES = [
  '2023-02-30',
  '2023-13-01',
  '2023-00-10',
  '0000-01-01',
  '2023-1-1',
  '20203-08-08',
];
const ODD_INSTANTS = [
  '2023-08-08T14:00:00+25:00',
  '2023-08-08T14:00:00-99:00',
  '2023-08-08T14:00:00+07:60',
  '2023-08-08T14:00:00+24:00',
  '2023-08-08T14:00:00+14:01',
  '2023-08-08T23:59:60Z',
  '2023-08-08T24:00:00Z',
  '2023-08-08T14:00:00.1234567Z',
  '2023-08-08t14:00:00z',
  '2023-08-08T14:00:00',
  '2023-02-29T10:00:00+07:00',
];

const CONTROL_CHARS = [
  '\u0001',
  '\u0007',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\uffff',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so "__proto__" becomes a key as JSON.parse would make it, not the prototype.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function typeOf(schema: JsonSchema): string | undefined {
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** A value of another JSON type than the schema's. */
function wrongTypeValues(schema: JsonSchema): unknown[] {
  const all: [string, unknown][] = [
    ['string', 'text'],
    ['string', '12'],
    ['string', 'true'],
    ['number', 42],
    ['number', -1.5],
    ['boolean', true],
    ['array', []],
    ['array', ['a']],
    ['object', {}],
    ['object', { a: 1 }],
  ];
  const type = typeOf(schema);
  const same = type === 'integer' ? 'number' : type;
  const values = all.filter(([t]) => t !== same).map(([, v]) => v);
  if (!schema.nullable) values.push(null);
  return values;
}

/** Builds one case of one operation: a valid request, then maybe one thing made wrong. */
export class CaseBuilder {
  private chosen?: Item;

  constructor(
    private readonly d: Draw,
    private readonly op: Operation,
    private readonly env: CaseEnv,
  ) {}

  async build(runIndex: number): Promise<Case> {
    const kind: CaseKind =
      runIndex === 0
        ? 'valid'
        : this.d.weighted([
            [35, 'valid'],
            [45, 'invalid'],
            [20, 'hostile'],
          ]);
    const mode: Mode =
      runIndex === 0
        ? 'example'
        : this.d.weighted([
            [2, 'example'],
            [3, 'random'],
            [1, 'minimal'],
          ]);
    const draft = await this.base(mode);
    let label = `valid:${mode}`;
    if (kind === 'valid' && this.d.chance(0.2)) {
      // Decomposed Vietnamese (NFD), as some keyboards and spreadsheets send it: still valid.
      draft.body = this.mapStrings(draft.body, (s) => s.normalize('NFD'));
      label = `valid:${mode}:nfd`;
    }
    if (kind !== 'valid') {
      const mutations = kind === 'invalid' ? this.invalidMutations(draft) : this.hostile(draft);
      const [name, apply] = this.d.pick(mutations);
      const detail = await apply();
      label = `${kind}:${name}${detail ? `(${detail})` : ''}`;
    }
    return { kind, label, request: this.serialise(draft), ctx: draft.ctx };
  }

  // ---- the valid request ----

  private async base(mode: Mode): Promise<Draft> {
    const op = this.op;
    const caller: CallerName = !op.secured
      ? 'anonymous'
      : op.path.startsWith('/api/v1/auth/')
        ? 'self'
        : op.method === 'get' && this.d.chance(0.2)
          ? 'leader'
          : 'admin';
    const draft: Draft = {
      caller,
      pathValues: {},
      rawSegments: {},
      query: [],
      headers: {},
      hasBody: false,
      contentType: 'application/json',
      ctx: { authValid: true },
    };
    const token = this.env.token(caller);
    if (token) draft.headers.Authorization = `Bearer ${token}`;
    else draft.ctx.authValid = !op.secured;

    const parents = Targets.parents(op.path);
    for (const [i, { name, collection }] of parents.entries()) {
      const last = i === parents.length - 1;
      const restore = last && /\/restore$/.test(op.path);
      const forWrite = op.method !== 'get';
      let items = await this.env.targets.items(collection, draft.pathValues, {
        deleted: restore ? this.d.chance(0.85) : this.d.chance(0.05),
        forWrite,
      });
      if (items.length === 0) {
        items = await this.env.targets.items(collection, draft.pathValues, { forWrite });
      }
      if (items.length === 0 || this.d.chance(0.04)) {
        draft.pathValues[name] = this.d.uuid();
        if (last) this.chosen = undefined;
      } else {
        const item = this.d.pick(items);
        draft.pathValues[name] = item.id;
        if (last) this.chosen = item;
      }
    }

    for (const param of op.params.filter((p) => p.in === 'query')) {
      const include = param.required
        ? true
        : mode === 'minimal'
          ? false
          : mode === 'example'
            ? param.schema.example !== undefined || this.d.chance(0.15)
            : this.d.chance(0.3);
      if (!include) continue;
      const value = await this.value(param.schema, param.name, mode, draft);
      if (value === null || value === undefined) continue;
      draft.query.push([param.name, typeof value === 'string' ? value : JSON.stringify(value)]);
    }

    if (op.ifMatch !== 'none') {
      const version = await this.currentVersion(draft);
      draft.ctx.currentVersion = version;
      const send = (op.ifMatch === 'required' && !op.statusAction) || this.d.chance(0.5);
      if (send && version !== undefined) draft.headers['If-Match'] = `"${version}"`;
    }

    if (op.body) {
      draft.hasBody = true;
      draft.body =
        mode === 'example' && op.body.example !== undefined
          ? op.body.example
          : await this.value(op.body.schema, '', mode, draft);
      const seed = BODY_SEEDS[op.id];
      if (seed && mode !== 'example' && this.d.chance(0.5)) {
        draft.body = await seed(
          (collection) => this.pickId(collection, draft),
          this.d.int(0, 99999),
        );
      }
      const props = op.body.schema.properties ?? {};
      if (!op.secured && 'username' in props && 'password' in props && this.d.chance(0.6)) {
        // A public sign-in: real credentials half the time, or it never gets past 401.
        draft.body = { ...this.env.credentials() };
      }
    }
    return draft;
  }

  /** The version of the record the request is about: its ETag, else its list item's version. */
  private async currentVersion(draft: Draft): Promise<number | undefined> {
    const names = pathParamNames(this.op.path);
    if (names.length === 0) return undefined;
    const last = names[names.length - 1];
    const template = this.op.path.slice(0, this.op.path.indexOf(`{${last}}`) + last.length + 2);
    if (this.env.targets.hasList(template)) {
      const res = await this.env.http.get(
        fillPath(template, draft.pathValues),
        this.env.token('admin'),
      );
      const etag = /^"(\d+)"$/.exec(String(res.headers.etag ?? ''));
      if (res.status === 200 && etag) return Number(etag[1]);
    }
    return this.chosen?.version;
  }

  /** A valid value of a schema (as far as the document tells), for a field called `name`. */
  private async value(
    schema: JsonSchema,
    name: string,
    mode: Mode,
    draft: Draft,
    depth = 0,
  ): Promise<unknown> {
    const d = this.d;
    if (schema.nullable && mode === 'random' && d.chance(0.1)) return null;
    if (schema.enum && schema.enum.length > 0) return d.pick(schema.enum);
    const example = schema.example;
    const type = typeOf(schema);
    switch (type) {
      case 'string': {
        if (schema.format === 'uuid') return this.id(name, draft);
        if (schema.format === 'email') return `fuzz.${d.int(1, 99999)}@example.org`;
        const temporal = temporalKind(name, schema);
        const useExample = typeof example === 'string' && (mode === 'example' || d.chance(0.4));
        if (useExample) return example;
        if (temporal === 'date') return drawDate(d);
        if (temporal === 'instant') return drawInstant(d);
        const min = schema.minLength ?? 0;
        const max = Math.min(schema.maxLength ?? 80, 80);
        if (schema.pattern) {
          const re = new RegExp(schema.pattern);
          for (let i = 0; i < 5; i++) {
            const s = d.from(fc.stringMatching(re));
            if (s.length >= min && s.length <= (schema.maxLength ?? Infinity)) return s;
          }
          return typeof example === 'string' ? example : d.from(fc.stringMatching(re));
        }
        const own = this.env.password(draft.caller);
        if (/^current/i.test(name) && /password/i.test(name) && own && d.chance(0.7)) return own;
        if (/password/i.test(name)) {
          return d.from(
            fc.string({ minLength: Math.max(min, 12), maxLength: 40, unit: 'grapheme-ascii' }),
          );
        }
        return drawText(d, Math.max(min, 1), Math.max(max, min, 1));
      }
      case 'number':
      case 'integer': {
        if (typeof example === 'number' && (mode === 'example' || d.chance(0.4))) return example;
        const min = schema.minimum ?? (schema.maximum !== undefined ? schema.maximum - 1000 : 0);
        const max = schema.maximum ?? min + 1000;
        return d.int(Math.ceil(min), Math.floor(max));
      }
      case 'boolean':
        return typeof example === 'boolean' && mode === 'example' ? example : d.chance(0.5);
      case 'array': {
        const items = schema.items ?? {};
        const min = schema.minItems ?? 0;
        const max = Math.max(min, Math.min(schema.maxItems ?? 4, 4));
        const length = mode === 'minimal' ? min : d.int(min, max);
        const values: unknown[] = [];
        for (let i = 0; i < length * 2 && values.length < length; i++) {
          const v = await this.value(items, name, mode, draft, depth + 1);
          if (schema.uniqueItems && values.some((x) => JSON.stringify(x) === JSON.stringify(v)))
            continue;
          values.push(v);
        }
        // Enumerated items keep the enum's order (a list "kept in this order").
        if (items.enum) values.sort((a, b) => items.enum!.indexOf(a) - items.enum!.indexOf(b));
        return values;
      }
      case 'object': {
        if (depth > 5) return {};
        const out: Record<string, unknown> = {};
        const required = new Set(schema.required ?? []);
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (prop.readOnly) continue;
          const include =
            required.has(key) ||
            (mode === 'example'
              ? d.chance(prop.example !== undefined ? 0.7 : 0.3)
              : mode === 'random'
                ? d.chance(0.5)
                : false);
          if (include) out[key] = await this.value(prop, key, mode, draft, depth + 1);
        }
        return out;
      }
      default:
        return example ?? 'x';
    }
  }

  /** The id of a real record that fits the field, now and then a random one. */
  private async id(name: string, draft: Draft): Promise<string> {
    const collection = idCollection(name, this.op.path);
    if (!collection || this.d.chance(0.08)) return this.d.uuid();
    const values: Record<string, string> = {};
    for (const { name: param, collection: parent } of Targets.parents(collection)) {
      // The request's own session when the field lives under it, else any session.
      const own = this.op.path.startsWith(collection.slice(0, collection.indexOf(`{${param}}`)));
      if (own && draft.pathValues[param]) {
        values[param] = draft.pathValues[param];
        continue;
      }
      const items = await this.env.targets.items(parent, values);
      if (items.length === 0) return this.d.uuid();
      values[param] = this.d.pick(items).id;
    }
    const items = await this.env.targets.items(collection, values);
    return items.length === 0 ? this.d.uuid() : this.d.pick(items).id;
  }

  /** A real id from a collection, which may carry a query and the request's own `{params}`. */
  private async pickId(collection: string, draft: Draft): Promise<string> {
    const [template, query] = collection.split('?');
    const items = await this.env.targets.items(template, draft.pathValues, { query });
    return items.length === 0 ? this.d.uuid() : this.d.pick(items).id;
  }

  private mapStrings(
    value: unknown,
    f: (s: string, key?: string) => string,
    key?: string,
  ): unknown {
    if (typeof value === 'string') return f(value, key);
    if (Array.isArray(value)) return value.map((v) => this.mapStrings(v, f));
    if (isObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setOwn(out, k, this.mapStrings(v, f, k));
      return out;
    }
    return value;
  }

  // ---- what can be made wrong ----

  private bodyProps(filter: (schema: JsonSchema, key: string) => boolean = () => true) {
    const schema = this.op.body?.schema;
    if (!schema?.properties) return [];
    return Object.entries(schema.properties)
      .filter(([key, s]) => !s.readOnly && filter(s, key))
      .map(([key, s]) => ({ key, schema: s }));
  }

  private bodyObject(draft: Draft): Record<string, unknown> {
    if (!isObject(draft.body)) draft.body = {};
    draft.hasBody = true;
    return draft.body as Record<string, unknown>;
  }

  private queryParams(filter: (schema: JsonSchema) => boolean) {
    return this.op.params.filter((p) => p.in === 'query' && filter(p.schema));
  }

  private setQuery(draft: Draft, name: string, value: string): void {
    draft.query = draft.query.filter(([k]) => k !== name);
    draft.query.push([name, value]);
  }

  /** Makes one property present with a valid value (so a mutation of its items has something to work on). */
  private async ensure(draft: Draft, key: string, schema: JsonSchema): Promise<unknown> {
    const body = this.bodyObject(draft);
    if (!(key in body) || body[key] === null) {
      setOwn(body, key, await this.value(schema, key, 'random', draft));
    }
    return body[key];
  }

  private invalidMutations(draft: Draft): Mutation[] {
    const d = this.d;
    const op = this.op;
    const list: Mutation[] = [];
    const hasObjectBody = op.body && typeOf(op.body.schema) === 'object';

    if (hasObjectBody) {
      list.push([
        'unknown-field',
        () => {
          const known = new Set(Object.keys(op.body!.schema.properties ?? {}));
          const name = d.pick(
            [
              '__proto__',
              'constructor',
              'hasOwnProperty',
              'toString',
              'valueOf',
              'status',
              'id',
              'version',
              'createdAt',
              'isAdmin',
              'x_extra',
            ].filter((n) => !known.has(n)),
          );
          setOwn(this.bodyObject(draft), name, d.pick([{ isAdmin: true }, 'x', 1, true, null]));
          return Promise.resolve(name);
        },
      ]);
      const required = op.body!.schema.required ?? [];
      if (required.length > 0) {
        list.push([
          'missing-required',
          () => {
            const key = d.pick(required);
            delete this.bodyObject(draft)[key];
            return Promise.resolve(key);
          },
        ]);
      }
      const props = this.bodyProps();
      if (props.length > 0) {
        list.push([
          'wrong-type',
          () => {
            const { key, schema } = d.pick(props);
            setOwn(this.bodyObject(draft), key, d.pick(wrongTypeValues(schema)));
            return Promise.resolve(key);
          },
        ]);
      }
      const notNullable = this.bodyProps((s) => !s.nullable);
      if (notNullable.length > 0) {
        list.push([
          'null',
          () => {
            const { key } = d.pick(notNullable);
            setOwn(this.bodyObject(draft), key, null);
            return Promise.resolve(key);
          },
        ]);
      }
      const limited = this.bodyProps((s) => s.type === 'string' && s.maxLength !== undefined);
      if (limited.length > 0) {
        list.push([
          'too-long',
          () => {
            const { key, schema } = d.pick(limited);
            const max = schema.maxLength!;
            setOwn(this.bodyObject(draft), key, longText(d.chance(0.8) ? max + 1 : max * 10 + 1));
            return Promise.resolve(key);
          },
        ]);
      }
      const minimum = this.bodyProps((s) => s.type === 'string' && (s.minLength ?? 0) > 0);
      if (minimum.length > 0) {
        list.push([
          'too-short',
          () => {
            const { key } = d.pick(minimum);
            setOwn(this.bodyObject(draft), key, d.pick(['', '   ', '\n\t']));
            return Promise.resolve(key);
          },
        ]);
      }
      const patterned = this.bodyProps((s) => s.type === 'string' && s.pattern !== undefined);
      if (patterned.length > 0) {
        list.push([
          'pattern',
          () => {
            const { key, schema } = d.pick(patterned);
            const re = new RegExp(schema.pattern!);
            const candidates = [
              'UPPER CASE',
              'with space',
              '../..',
              'ä',
              '<script>',
              '-',
              'a'.repeat(60),
              '+',
              '()',
            ];
            setOwn(this.bodyObject(draft), key, d.pick(candidates.filter((c) => !re.test(c))));
            return Promise.resolve(key);
          },
        ]);
      }
      const enums = this.bodyProps((s) => Array.isArray(s.enum));
      if (enums.length > 0) {
        list.push([
          'enum',
          () => {
            const { key, schema } = d.pick(enums);
            const first = String(schema.enum![0]);
            const options = [
              'not_an_option',
              first.toUpperCase(),
              `${first}_x`,
              `${first}s`,
            ].filter((o) => !schema.enum!.includes(o));
            setOwn(this.bodyObject(draft), key, d.pick(options));
            return Promise.resolve(key);
          },
        ]);
      }
      const uuids = this.bodyProps(
        (s) => s.format === 'uuid' || (s.type === 'array' && s.items?.format === 'uuid'),
      );
      if (uuids.length > 0) {
        list.push([
          'malformed-id',
          () => {
            const { key, schema } = d.pick(uuids);
            const bad = d.pick(MALFORMED_UUIDS(d.uuid()));
            setOwn(this.bodyObject(draft), key, schema.type === 'array' ? [bad] : bad);
            return Promise.resolve(key);
          },
        ]);
      }
      const ranged = this.bodyProps(
        (s) =>
          (s.type === 'number' || s.type === 'integer') &&
          (s.minimum !== undefined || s.maximum !== undefined),
      );
      if (ranged.length > 0) {
        list.push([
          'out-of-range',
          () => {
            const { key, schema } = d.pick(ranged);
            const options: number[] = [];
            if (schema.minimum !== undefined)
              options.push(schema.minimum - 1, schema.minimum - 0.5, -1e9);
            if (schema.maximum !== undefined)
              options.push(schema.maximum + 1, schema.maximum + 0.5, 1e15);
            setOwn(this.bodyObject(draft), key, d.pick(options));
            return Promise.resolve(key);
          },
        ]);
      }
      const arrays = this.bodyProps((s) => s.type === 'array');
      const sized = arrays.filter(
        ({ schema }) => (schema.minItems ?? 0) > 0 || schema.maxItems !== undefined,
      );
      if (sized.length > 0) {
        list.push([
          'array-size',
          async () => {
            const { key, schema } = d.pick(sized);
            if ((schema.minItems ?? 0) > 0 && (schema.maxItems === undefined || d.chance(0.5))) {
              setOwn(this.bodyObject(draft), key, []);
              return `${key}: empty`;
            }
            const n = schema.maxItems! + 1;
            const items: unknown[] = [];
            for (let i = 0; i < n; i++) {
              items.push(
                schema.items?.format === 'uuid'
                  ? d.uuid()
                  : await this.value(schema.items ?? {}, key, 'random', draft),
              );
            }
            setOwn(this.bodyObject(draft), key, items);
            return `${key}: ${n} items`;
          },
        ]);
      }
      const unique = arrays.filter(({ schema }) => schema.uniqueItems);
      if (unique.length > 0) {
        list.push([
          'duplicate-items',
          async () => {
            const { key, schema } = d.pick(unique);
            const item = await this.value(schema.items ?? {}, key, 'example', draft);
            setOwn(this.bodyObject(draft), key, [item, item]);
            return key;
          },
        ]);
      }
      const withItems = arrays.filter(({ schema }) => schema.items !== undefined);
      if (withItems.length > 0) {
        list.push([
          'bad-item',
          async () => {
            const { key, schema } = d.pick(withItems);
            const value = await this.ensure(draft, key, schema);
            const items = Array.isArray(value) ? [...(value as unknown[])] : [];
            const itemSchema = schema.items!;
            const bad = itemSchema.enum
              ? 'not_an_option'
              : itemSchema.format === 'uuid'
                ? d.pick(MALFORMED_UUIDS(d.uuid()))
                : d.pick(wrongTypeValues(itemSchema));
            items.splice(d.int(0, items.length), 0, bad);
            setOwn(this.bodyObject(draft), key, items);
            return key;
          },
        ]);
      }
      list.push([
        'not-an-object',
        () => {
          draft.rawBody = d.pick(['[]', '[{}]', '"text"', '42', 'true', 'null']);
          return Promise.resolve(draft.rawBody);
        },
      ]);
      list.push([
        'malformed-json',
        () => {
          draft.rawBody = d.pick(['{"a":', '{', "{'a': 1}", '{"a": 1,}', '{"a": NaN}', '\u0000']);
          draft.hasBody = true;
          return Promise.resolve(JSON.stringify(draft.rawBody));
        },
      ]);
      list.push([
        'wrong-content-type',
        () => {
          draft.contentType = d.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
          ]);
          return Promise.resolve(draft.contentType);
        },
      ]);
      if (op.body!.required) {
        list.push([
          'no-body',
          () => {
            draft.hasBody = false;
            draft.body = undefined;
            return Promise.resolve();
          },
        ]);
      }
    }

    const numeric = this.queryParams(
      (s) => s.type === 'number' || s.type === 'integer' || s.type === 'boolean',
    );
    if (numeric.length > 0) {
      list.push([
        'query-wrong-type',
        () => {
          const p = d.pick(numeric);
          const v =
            p.schema.type === 'boolean'
              ? d.pick(['yes', '1', 'TRUE', 'on', ''])
              : d.pick(['abc', '0x10', '1,2', '[]', 'NaN', 'Infinity', '1_000']);
          this.setQuery(draft, p.name, v);
          return Promise.resolve(`${p.name}=${v}`);
        },
      ]);
    }
    const ranged = this.queryParams((s) => s.minimum !== undefined || s.maximum !== undefined);
    if (ranged.length > 0) {
      list.push([
        'query-out-of-range',
        () => {
          const p = d.pick(ranged);
          const options: number[] = [];
          if (p.schema.minimum !== undefined) options.push(p.schema.minimum - 1, -1e9);
          if (p.schema.maximum !== undefined) options.push(p.schema.maximum + 1, 1e12);
          const v = String(d.pick(options));
          this.setQuery(draft, p.name, v);
          return Promise.resolve(`${p.name}=${v}`);
        },
      ]);
    }
    const queryEnums = this.queryParams((s) => Array.isArray(s.enum));
    if (queryEnums.length > 0) {
      list.push([
        'query-enum',
        () => {
          const p = d.pick(queryEnums);
          this.setQuery(draft, p.name, 'not_an_option');
          return Promise.resolve(p.name);
        },
      ]);
    }
    const queryIds = this.queryParams((s) => s.format === 'uuid');
    if (queryIds.length > 0) {
      list.push([
        'query-malformed-id',
        () => {
          const p = d.pick(queryIds);
          this.setQuery(draft, p.name, d.pick(MALFORMED_UUIDS(d.uuid())));
          return Promise.resolve(p.name);
        },
      ]);
    }
    const queryLimited = this.queryParams((s) => s.maxLength !== undefined);
    if (queryLimited.length > 0) {
      list.push([
        'query-too-long',
        () => {
          const p = d.pick(queryLimited);
          this.setQuery(draft, p.name, longText(p.schema.maxLength! + 1));
          return Promise.resolve(p.name);
        },
      ]);
    }

    const pathParams = pathParamNames(op.path);
    if (pathParams.length > 0) {
      list.push([
        'path-malformed-id',
        () => {
          const name = d.pick(pathParams);
          draft.pathValues[name] = d.pick(MALFORMED_UUIDS(d.uuid()));
          return Promise.resolve(`${name}=${draft.pathValues[name]}`);
        },
      ]);
    }

    if (op.ifMatch === 'required' && !op.statusAction) {
      list.push([
        'if-match-missing',
        () => {
          delete draft.headers['If-Match'];
          return Promise.resolve();
        },
      ]);
    }
    if (op.ifMatch !== 'none') {
      list.push([
        'if-match-stale',
        () => {
          const v = draft.ctx.currentVersion ?? 1;
          draft.headers['If-Match'] =
            `"${d.pick([v + 1, v + 1000, 0, 999999999].filter((x) => x !== v))}"`;
          return Promise.resolve(draft.headers['If-Match']);
        },
      ]);
      list.push([
        'if-match-malformed',
        () => {
          const v = draft.ctx.currentVersion ?? 1;
          draft.headers['If-Match'] = d.pick([
            String(v),
            `"v${v}"`,
            `W/${v}`,
            `"${v}", "${v + 1}"`,
            '"99999999999"',
            '"-1"',
            `"${v}.0"`,
            '""',
            'garbage',
          ]);
          return Promise.resolve(draft.headers['If-Match']);
        },
      ]);
    }

    if (op.secured) {
      list.push([
        'no-credentials',
        () => {
          const value = d.pick([
            undefined,
            'Bearer',
            'Bearer garbage',
            'Basic YWRtaW46YWRtaW4=',
            'bearer  x',
          ]);
          if (value === undefined) delete draft.headers.Authorization;
          else draft.headers.Authorization = value;
          draft.ctx.authValid = false;
          return Promise.resolve(String(value));
        },
      ]);
    }
    if (list.length === 0) list.push(...this.hostile(draft));
    return list;
  }

  private hostile(draft: Draft): Mutation[] {
    const d = this.d;
    const op = this.op;
    const list: Mutation[] = [];
    const hasObjectBody = op.body && typeOf(op.body.schema) === 'object';
    const textProps = this.bodyProps(
      (s) => s.type === 'string' && !s.enum && s.format === undefined,
    );
    const textQuery = this.queryParams(
      (s) => s.type === 'string' && !s.enum && s.format === undefined,
    );

    /** Puts `inject` into a text field of the body or the query: the one hostile thing of this case. */
    const injectText = async (inject: (s: string) => string): Promise<string> => {
      const inBody = textProps.length > 0 && (textQuery.length === 0 || d.chance(0.7));
      if (inBody) {
        const { key, schema } = d.pick(textProps);
        const current = await this.ensure(draft, key, schema);
        setOwn(
          this.bodyObject(draft),
          key,
          inject(typeof current === 'string' ? current : 'Cần Thơ'),
        );
        return `body.${key}`;
      }
      const p = d.pick(textQuery);
      this.setQuery(draft, p.name, inject(d.pick(['Cần Thơ', 'a', 'thoi an dong'])));
      return `query.${p.name}`;
    };
    const at = (s: string, c: string) => {
      const points = Array.from(s);
      points.splice(d.int(0, points.length), 0, c);
      return points.join('');
    };

    if (textProps.length > 0 || textQuery.length > 0) {
      list.push(['nul-byte', () => injectText((s) => at(s, '\u0000'))]);
      list.push(['control-char', () => injectText((s) => at(s, d.pick(CONTROL_CHARS)))]);
      list.push([
        'sql-and-wildcards',
        () =>
          injectText(() =>
            d.pick(["'; DROP TABLE task; --", '%', '_', '\\', '%_\\%', "' OR ''='", '$1', ':q']),
          ),
      ]);
      list.push([
        'whitespace-only-and-padding',
        () =>
          injectText((s) => d.pick(['\u00a0', '\u3000', ' \t\n', `  ${s}  `, `\u00a0${s}\u00a0`])),
      ]);
    }
    const temporal = [
      ...this.bodyProps((s, k) => temporalKind(k, s) !== undefined).map((p) => ({
        ...p,
        inQuery: false,
      })),
      ...this.op.params
        .filter((p) => p.in === 'query' && temporalKind(p.name, p.schema) !== undefined)
        .map((p) => ({ key: p.name, schema: p.schema, inQuery: true })),
    ];
    if (temporal.length > 0) {
      list.push([
        'odd-date',
        () => {
          const { key, schema, inQuery } = d.pick(temporal);
          const value = d.pick(temporalKind(key, schema) === 'date' ? ODD_DATES : ODD_INSTANTS);
          if (inQuery) this.setQuery(draft, key, value);
          else setOwn(this.bodyObject(draft), key, value);
          return `${key}=${value}`;
        },
      ]);
    }
    if (hasObjectBody) {
      list.push([
        'deep-nesting',
        () => {
          const props = this.bodyProps();
          const key = props.length > 0 && d.chance(0.7) ? d.pick(props).key : 'x_deep';
          setOwn(this.bodyObject(draft), key, '__fuzz_deep__');
          const open = d.chance(0.5) ? '[' : '{"a":';
          const close = open === '[' ? ']' : '}';
          draft.rawBody = JSON.stringify(draft.body).replace(
            DEEP_MARK,
            open.repeat(DEEP) + close.repeat(DEEP),
          );
          return `${key}: ${DEEP} levels of ${open}`;
        },
      ]);
      const arrays = this.bodyProps((s) => s.type === 'array');
      if (arrays.length > 0) {
        list.push([
          'huge-array',
          async () => {
            const { key, schema } = d.pick(arrays);
            const item = await this.value(schema.items ?? {}, key, 'example', draft);
            setOwn(
              this.bodyObject(draft),
              key,
              Array.from({ length: 10_000 }, () => item),
            );
            return key;
          },
        ]);
      }
      list.push([
        'huge-string',
        async () => {
          const props = this.bodyProps((s) => s.type === 'string');
          const key = props.length > 0 ? d.pick(props).key : 'x_huge';
          const n = d.pick([100_000, 2_000_000]);
          setOwn(this.bodyObject(draft), key, longText(n));
          return Promise.resolve(`${key}: ${n} characters`);
        },
      ]);
      list.push([
        'extreme-number',
        () => {
          const props = this.bodyProps((s) => s.type === 'number' || s.type === 'integer');
          const key = props.length > 0 ? d.pick(props).key : 'x_number';
          const raw = d.pick(['1e400', '-0', '1e-400', '9007199254740993', '0.1', '-1e308']);
          setOwn(this.bodyObject(draft), key, '__fuzz_deep__');
          draft.rawBody = JSON.stringify(draft.body).replace(DEEP_MARK, raw);
          return Promise.resolve(`${key}=${raw}`);
        },
      ]);
      list.push([
        'duplicate-keys',
        () => {
          const props = this.bodyProps();
          if (props.length === 0) return Promise.resolve('none');
          const { key } = d.pick(props);
          const json = JSON.stringify(draft.body ?? {});
          draft.rawBody = `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"${key}":${JSON.stringify(d.pick(['x', 1, null, [], {}]))}}`;
          return Promise.resolve(key);
        },
      ]);
    }
    if (op.params.some((p) => p.in === 'query')) {
      list.push([
        'query-repeated-or-bracketed',
        () => {
          const p = d.pick(op.params.filter((x) => x.in === 'query'));
          const current = draft.query.find(([k]) => k === p.name)?.[1] ?? '1';
          if (d.chance(0.5)) draft.query.push([p.name, current], [p.name, current]);
          else draft.query.push([`${p.name}[]`, current], [`${p.name}[a]`, current]);
          return Promise.resolve(p.name);
        },
      ]);
    }
    const pathParams = pathParamNames(op.path);
    if (pathParams.length > 0) {
      list.push([
        'hostile-path-segment',
        () => {
          const name = d.pick(pathParams);
          draft.rawSegments[name] = d.pick([
            '%00',
            '%ZZ',
            '%E2%82%AC',
            'a'.repeat(3000),
            '%2F',
            '%20',
            '-1',
            '1e9',
            '%C0%AF',
            '%F0%9F%8C%BE',
          ]);
          return Promise.resolve(`${name}=${draft.rawSegments[name]}`);
        },
      ]);
    }
    if (op.ifMatch !== 'none') {
      list.push([
        'hostile-if-match',
        () => {
          draft.headers['If-Match'] = d.pick([
            '*',
            `W/"${draft.ctx.currentVersion ?? 1}"`,
            `"${'9'.repeat(5000)}"`,
            `  "${draft.ctx.currentVersion ?? 1}"  `,
          ]);
          return Promise.resolve(draft.headers['If-Match'].slice(0, 20));
        },
      ]);
    }
    if (list.length === 0) {
      list.push([
        'unexpected-body',
        () => {
          draft.hasBody = true;
          draft.body = { x: d.pick(['\u0000', 'Cần Thơ', 1]) };
          return Promise.resolve();
        },
      ]);
    }
    return list;
  }

  // ---- to bytes ----

  private serialise(draft: Draft): FuzzRequest {
    const segments: Record<string, string> = {};
    let path = this.op.path;
    for (const name of pathParamNames(this.op.path)) {
      const value = draft.rawSegments[name] ?? encode(draft.pathValues[name] ?? '');
      segments[name] = value;
      path = path.replace(`{${name}}`, value);
    }
    const pathValues = { ...draft.pathValues };
    for (const [name, raw] of Object.entries(draft.rawSegments)) {
      try {
        pathValues[name] = decodeURIComponent(raw);
      } catch {
        pathValues[name] = raw;
      }
    }
    const raw =
      draft.rawBody ??
      (draft.hasBody && draft.body !== undefined ? JSON.stringify(draft.body) : undefined);
    return {
      method: this.op.method.toUpperCase(),
      url: `${path}${queryString(draft.query)}`,
      pathValues,
      query: draft.query,
      headers: { ...draft.headers },
      body: raw === undefined ? undefined : { raw, contentType: draft.contentType },
      caller: draft.caller,
    };
  }
}
