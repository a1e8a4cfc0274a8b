import * as net from 'node:net';
import { API_MAIN, ensureBuilt, killAll, run, signIn, startServer } from './helpers/processes';
import { createTestDatabase, dropTestDatabase } from './support/test-app';

/**
 * What an administrator reads when the server starts: a few lines at info (no line per route),
 * the generated password of `admin` once on the first start without ADMIN_PASSWORD, and a start
 * that cannot work said in one line without a stack.
 */

interface Line {
  level: number;
  msg: string;
  req?: unknown;
  res?: unknown;
  context?: string;
  err?: unknown;
}

const lines = (output: string): Line[] =>
  output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

describe('The server’s start, as its log tells it', () => {
  let url: string;

  beforeAll(async () => {
    await ensureBuilt();
    // An empty database: the first start migrates it and finds no account.
    url = await createTestDatabase({ label: 'logs', migrated: false });
  }, 180_000);

  afterAll(async () => {
    await killAll();
    if (url) await dropTestDatabase(url);
  });

  let generated: string;

  it('first start without ADMIN_PASSWORD: a few lines, no route table, and admin’s generated password once', async () => {
    const server = await startServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    const log = lines(server.output());
    expect(log.filter((l) => /Mapped \{|dependencies initialized/.test(l.msg))).toEqual([]);
    expect(log.filter((l) => l.context === 'RoutesResolver')).toEqual([]);
    expect(log.length).toBeLessThanOrEqual(5);
    expect(log.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^API listening on http:\/\/localhost:\d+ /)]),
    );

    const created = log.filter((l) => /Created the account "admin"/.test(l.msg));
    expect(created).toHaveLength(1);
    expect(created[0].level).toBe(40);
    generated = /with the password (\S+) \(shown only now/.exec(created[0].msg)![1];
    expect(generated.length).toBeGreaterThanOrEqual(24);
    expect(await signIn(server.port, 'admin', generated)).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('a second start says nothing of a password, and the generated one still signs in', async () => {
    const server = await startServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    expect(server.output()).not.toMatch(/password/i);
    expect(await signIn(server.port, 'admin', generated)).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('logs each request once at info with its id and status (never its token), and sends the security headers', async () => {
    const server = await startServer({ DATABASE_URL: url, LOG_LEVEL: 'info' });
    const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/tasks?page=2`, {
      headers: { authorization: 'Bearer not-a-token', 'x-request-id': 'trace-7' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-7');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    await fetch(`http://127.0.0.1:${server.port}/health/live`);
    expect(await server.stop()).toBe(0);
    const requests = lines(server.output()).filter((l) => l.msg === 'request completed');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 40,
        req: { id: 'trace-7', method: 'GET', url: '/api/v1/tasks?page=2' },
        res: { statusCode: 401 },
      }),
    ]);
    expect(server.output()).not.toContain('not-a-token');
  });

  it('at LOG_LEVEL=debug the route table is there', async () => {
    const server = await startServer({ DATABASE_URL: url, LOG_LEVEL: 'debug' });
    const mapped = lines(server.output()).filter((l) => /^Mapped \{/.test(l.msg));
    expect(mapped.length).toBeGreaterThan(50);
    expect(mapped.every((l) => l.level === 20)).toBe(true);
    expect(await server.stop()).toBe(0);
  });

  it('a busy port: one line saying so, no stack, nothing claiming a successful start', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '0.0.0.0', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const result = await run([API_MAIN], {
        DATABASE_URL: url,
        PORT: String(port),
        LOG_LEVEL: 'info',
      });
      expect(result.code).toBe(1);
      expect(lines(result.stdout + result.stderr)).toEqual([
        expect.objectContaining({
          level: 60,
          msg: `The API could not start: port ${port} on 0.0.0.0 is already in use by another program: stop it, or set PORT to a free port`,
        }),
      ]);
      expect(result.stdout + result.stderr).not.toMatch(/successfully started|stack/);
    } finally {
      blocker.close();
    }
  });

  it('the README’s example password, copied literally, is refused with a message naming it', async () => {
    const result = await run([API_MAIN], {
      DATABASE_URL: url,
      ADMIN_PASSWORD: 'choose a long password',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(
      /^Invalid configuration:\n {2}ADMIN_PASSWORD="\*\*\*": is the example from the documentation: choose your own/,
    );
  });
});
