/**
 * The OpenAPI document as the fuzz reads it: every operation with its parameters, body and
 * responses, `$ref`s inlined. Read from the running app (GET /docs-json), so a route added to the
 * code is fuzzed without any change here.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  example?: unknown;
  examples?: unknown;
  default?: unknown;
  description?: string;
  readOnly?: boolean;
  writeOnly?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface ResponseSpec {
  /** Media type → schema (undefined when the document gives none, e.g. 204). */
  content: Record<string, JsonSchema | undefined>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
  id: string;
  method: HttpMethod;
  /** OpenAPI template, e.g. `/api/v1/tasks/{id}`. */
  path: string;
  tags: string[];
  params: Parameter[];
  body?: { required: boolean; mediaType: string; schema: JsonSchema; example?: unknown };
  responses: Map<number, ResponseSpec>;
  /** The operation declares a security requirement (a bearer token). */
  secured: boolean;
  /**
   * How the document says If-Match is used: `required` when it lists 428 (If-Match required),
   * `checked` when it lists only 412, else `none`. The header itself is not declared as a parameter.
   */
  ifMatch: 'required' | 'checked' | 'none';
  /**
   * A status action (API.md: `POST …/{id}/<action>`, If-Match checked when sent, not required):
   * its last segment is one of the `allowedActions` its answer lists.
   */
  statusAction: boolean;
}

interface RawOperation {
  operationId?: string;
  tags?: string[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: JsonSchema; example?: unknown }>;
  };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
}

const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** Follows a local `#/...` pointer in the document. */
function pointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $ref is supported: ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return node;
}

/** A copy of `schema` with every `$ref` inlined; a reference cycle becomes `{}` (anything). */
export function deref<T>(doc: OpenApiDocument, value: T, seen: string[] = []): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deref(doc, v, seen)) as T;
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (seen.includes(ref)) return {} as T;
    return deref(doc, pointer(doc, ref) as T, [...seen, ref]);
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, deref(doc, v as unknown, seen)]),
  ) as T;
}

/** Every operation of the document, in the document's order. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const params = (raw.parameters ?? []).map((p) => deref(doc, p) as Parameter);
      const responses = new Map<number, ResponseSpec>();
      for (const [status, response] of Object.entries(raw.responses ?? {})) {
        const content: Record<string, JsonSchema | undefined> = {};
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          content[mediaType] = media.schema ? deref(doc, media.schema) : undefined;
        }
        responses.set(Number(status), { content });
      }
      let body: Operation['body'];
      const bodyContent = raw.requestBody?.content ?? {};
      const mediaType = Object.keys(bodyContent).find((m) => /json/.test(m));
      if (mediaType) {
        body = {
          required: raw.requestBody?.required ?? false,
          mediaType,
          schema: deref(doc, bodyContent[mediaType].schema ?? {}),
          example: bodyContent[mediaType].example,
        };
      }
      const security = raw.security ?? doc.security ?? [];
      const action = /\/\{[^}]+\}\/([^/{}]+)$/.exec(path)?.[1];
      const answer = responses.get(200)?.content['application/json'];
      const actions = answer?.properties?.allowedActions?.items?.enum ?? [];
      ops.push({
        id: raw.operationId ?? `${method} ${path}`,
        method,
        path,
        tags: raw.tags ?? [],
        params,
        body,
        responses,
        secured: security.length > 0,
        ifMatch: responses.has(428) ? 'required' : responses.has(412) ? 'checked' : 'none',
        statusAction: method === 'post' && action !== undefined && actions.includes(action),
      });
    }
  }
  return ops;
}

/** The names of the `{params}` of a path template, in order. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** Fills a path template, escaping each value as one path segment. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}
