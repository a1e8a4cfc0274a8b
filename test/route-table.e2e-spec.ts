import request from 'supertest';
import { documentedSchemas } from '@app/platform';
import { startTestApp, TestApp } from './support/test-app';
import { listRoutes, openApiPath, Route } from './support/routes';

type Parameter = { name: string; in: string; required?: boolean; schema?: { format?: string } };

type Operation = {
  parameters?: Parameter[];
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready', 'POST /api/v1/auth/login'];

describe('The route table: every route declares who may call it and is documented', () => {
  let t: TestApp;
  let routes: Route[];
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
    document = (await request(t.http).get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('has an access policy or an explicit @Public() on every route (deny by default)', () => {
    const undeclared = routes
      .filter((r) => !r.isPublic && !r.policy)
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('keeps public only login, health (and the docs, which are not API routes)', () => {
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(PUBLIC_ROUTES),
    );
    expect(routes.filter((r) => r.isPublic)).toHaveLength(PUBLIC_ROUTES.length);
  });

  it('answers 401 without a token on every other route', async () => {
    const id = '7b0c9a52-6f0e-4c39-9d87-0f8f4a3e2b11';
    for (const route of routes.filter((r) => !r.isPublic)) {
      const path = route.path.replace(/:\w+/g, id);
      const res = await request(t.http)[route.method.toLowerCase() as 'get'](path).send({});
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('documents every route with an operationId, a summary, a tag and problem-details errors', () => {
    expect(document.openapi).toMatch(/^3\./);
    const ids = new Set<string>();
    for (const route of routes) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      const where = `${route.method} ${route.path}`;
      expect({ where, documented: operation !== undefined }).toEqual({ where, documented: true });
      expect({ where, operationId: typeof operation.operationId }).toEqual({
        where,
        operationId: 'string',
      });
      expect(ids.has(operation.operationId!)).toBe(false);
      ids.add(operation.operationId!);
      expect({ where, summary: Boolean(operation.summary) }).toEqual({ where, summary: true });
      expect({ where, tags: (operation.tags ?? []).length > 0 }).toEqual({ where, tags: true });
      // Liveness has no failure a client could act on; everything else documents its errors.
      if (where === 'GET /health/live') continue;
      const problems = Object.entries(operation.responses).filter(
        ([status, response]) =>
          Number(status) >= 400 && response.content?.['application/problem+json'],
      );
      expect({ where, problemResponses: problems.length > 0 }).toEqual({
        where,
        problemResponses: true,
      });
      // Protected routes document 401 and 403.
      expect({
        where,
        has401: route.isPublic || '401' in operation.responses,
        has403: route.isPublic || '403' in operation.responses,
      }).toEqual({ where, has401: true, has403: true });
    }
  });

  it('requires If-Match on every change of a record read before, and documents the header', () => {
    const declared: string[] = [];
    for (const route of routes) {
      const where = `${route.method} ${route.path}`;
      const rewrites =
        route.method === 'PATCH' ||
        route.method === 'DELETE' ||
        /\/(restore|reorder)$/.test(route.path);
      expect({ where, rewrites, ifMatch: route.ifMatch }).toEqual({
        where,
        rewrites,
        ifMatch: rewrites ? 'required' : route.ifMatch,
      });
      const operation = document.paths[openApiPath(route.path)][route.method.toLowerCase()];
      const header = (operation.parameters ?? []).find((p) => p.name === 'If-Match');
      expect({ where, header: header && { in: header.in, required: header.required } }).toEqual({
        where,
        header: route.ifMatch && { in: 'header', required: route.ifMatch === 'required' },
      });
      if (route.ifMatch) declared.push(where);
      // Every id in a path is documented as a UUID (a bad one answers 400 naming it).
      for (const name of [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1])) {
        const parameter = (operation.parameters ?? []).find((p) => p.name === name);
        expect({ where, name, format: parameter?.schema?.format }).toEqual({
          where,
          name,
          format: 'uuid',
        });
      }
    }
    // Status actions take If-Match too, checked only when sent (API.md).
    expect(declared).toEqual(expect.arrayContaining(['POST /api/v1/tasks/:id/complete']));
    expect(routes.find((r) => r.path === '/api/v1/tasks/:id/complete')?.ifMatch).toBe('optional');
  });

  it('refuses null by the schemas the whole document has for each request body', () => {
    const bodies = new Set(routes.flatMap((r) => (r.bodyType ? [r.bodyType] : [])));
    expect(bodies.size).toBeGreaterThan(20);
    for (const type of bodies) {
      // What the null check reads for this body: its class and every class it refers to.
      const schemas = documentedSchemas(t.app, type);
      expect(Object.keys(schemas)).toContain(type.name);
      for (const [name, schema] of Object.entries(schemas)) {
        expect({ body: type.name, name, schema }).toEqual({
          body: type.name,
          name,
          schema: document.components.schemas[name],
        });
      }
    }
  });

  it('matches the checked-in docs/openapi.json (run `npm run openapi` after changing the API)', async () => {
    const { readFile } = await import('node:fs/promises');
    const checkedIn = JSON.parse(await readFile(`${__dirname}/../docs/openapi.json`, 'utf8'));
    expect(document).toEqual(checkedIn);
  });

  it('keeps the table of who may call what (review a change here as a permission change)', () => {
    const table = routes.map(
      (r) =>
        `${r.method.padEnd(6)} ${r.path} → ${
          r.isPublic
            ? 'public'
            : `${r.policy!.roles.join(', ')}${r.policy!.scopes.length === 0 ? '' : ` [scope: ${r.policy!.scopes.join(', ')} on ${r.policy!.kind}]`}${r.policy!.deletedFor.length === 0 ? '' : ` [deleted: ${r.policy!.deletedFor.join(', ')}]`}`
        }`,
    );
    expect(table).toMatchSnapshot();
  });
});
