import * as os from 'node:os';
import { ensureBuilt, killAll, type Server, startServer } from './helpers/processes';
import { createTestDatabase, dropTestDatabase } from './support/test-app';

/**
 * `npm start` runs the bundled server (dist/api.js: dist/main.js, then dist/server.js;
 * scripts/bundle.js). What bundling could break is what this checks, from another working
 * directory: the DTOs' validation rules (also those an update DTO inherits: class-transformer's
 * metadata must live in one copy), the OpenAPI document and Swagger UI's files, and the PDF fonts
 * found beside the project.
 */
describe('The server as `npm start` runs it: bundled', () => {
  const ADMIN_PASSWORD = 'bundled server secret 42';
  let url: string;
  let server: Server;
  let base: string;
  let token: string;

  beforeAll(async () => {
    await ensureBuilt();
    url = await createTestDatabase({ label: 'bundle', migrated: false });
    server = await startServer({ DATABASE_URL: url, ADMIN_PASSWORD }, undefined, os.tmpdir());
    base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`Sign-in failed: ${login.status}`);
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 180_000);

  afterAll(async () => {
    await killAll();
    if (url) await dropTestDatabase(url);
  });

  const auth = () => ({ authorization: `Bearer ${token}` });

  it('validates bodies by the DTOs’ rules: an unknown field and the missing ones, named', async () => {
    const res = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ bogus: 1 }),
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'bogus', message: 'is not an allowed field' },
        { field: 'title', message: 'is required' },
      ]),
    );
  });

  it('validates an update by the rules its DTO inherits, a nested object’s included', async () => {
    // UpdateProjectDto is PartialType(CreateProjectDto): the budget's @Type comes from
    // class-transformer's metadata, copied by @nestjs/mapped-types.
    const res = await fetch(`${base}/api/v1/projects/00000000-0000-4000-8000-000000000000`, {
      method: 'PATCH',
      headers: { ...auth(), 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({ budget: { stateBudget: -5, bogus: 1 } }),
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([
      { field: 'budget.bogus', message: 'is not an allowed field' },
      { field: 'budget.stateBudget', message: expect.stringContaining('0') },
    ]);
  });

  it('serves the OpenAPI document and Swagger UI with its files', async () => {
    const doc = await fetch(`${base}/docs-json`);
    expect(doc.status).toBe(200);
    const paths = ((await doc.json()) as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/v1/tasks', '/api/v1/reports/overview']),
    );
    const ui = await fetch(`${base}/docs/swagger-ui-bundle.js`);
    expect(ui.status).toBe(200);
    expect((await ui.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('prints a report as PDF with the fonts shipped beside it', async () => {
    const res = await fetch(
      `${base}/api/v1/reports/task-follow-up?from=2024-01-01&to=2024-12-31&format=pdf`,
      { headers: auth() },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('NotoSans');
  });
});
