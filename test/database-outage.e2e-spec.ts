import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { promises as fs } from 'node:fs';
import type { Server } from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  type EmbeddedPostgresHandle,
  loadConfig,
  openEmbeddedPostgres,
  runMigrationsLocked,
  UsersService,
  SYSTEM_ACTOR,
} from '@app/platform';
import { createApiApp } from '../apps/api/src/bootstrap';
import { APP_SCHEMA } from '../apps/api/src/schema';

/**
 * The database goes away under a running app, and is not there when the app starts: requests get
 * 503 problem details while it is down, and the app recovers by itself when it is back. The
 * database is an embedded server of this file's own, on a fixed port, so it can be stopped and
 * started again where the app expects it.
 */

const PASSWORD = 'outage test password 1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function startApp(url: string, env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  return createApiApp(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ...env }),
    url,
  ).then(async (app) => {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  });
}

describe('The database goes away and comes back', () => {
  let dataDir: string;
  let port: number;
  let db: EmbeddedPostgresHandle | undefined;
  const apps: NestFastifyApplication[] = [];

  const openDb = async () => {
    db = await openEmbeddedPostgres({ dataDir, port, endsWithProcess: true });
    return db;
  };
  const stopDb = async () => {
    await db?.stop();
    db = undefined;
  };

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-outage-'));
    await fs.chmod(dataDir, 0o755);
    port = await freePort();
    const { url } = await openDb();
    const dataSource = new DataSource(buildDataSourceOptions(url, APP_SCHEMA, { poolSize: 2 }));
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    await dataSource.destroy();
  }, 60_000);

  afterAll(async () => {
    // The apps first (their pools), then the server, then its directory.
    for (const app of apps) await app.close().catch(() => undefined);
    if (!db) await openDb().catch(() => undefined); // stop() needs a handle
    await stopDb();
    await fs.rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  describe('while the app runs', () => {
    let http: Server;
    let token: string;

    beforeAll(async () => {
      const app = await startApp(db!.url);
      apps.push(app);
      http = app.getHttpServer();
      await app.get(UsersService).create(SYSTEM_ACTOR, {
        username: 'outage.reader',
        password: PASSWORD,
        fullName: 'Outage reader',
        role: 'leadership',
      });
      const login = await request(http)
        .post('/api/v1/auth/login')
        .send({ username: 'outage.reader', password: PASSWORD })
        .expect(200);
      token = (login.body as { accessToken: string }).accessToken;
    });

    const listUnits = () =>
      request(http).get('/api/v1/admin-units?q=can%20tho').set('Authorization', `Bearer ${token}`);

    it('answers normally while the database is up', async () => {
      await listUnits().expect(200);
      await request(http).get('/health/ready').expect(200);
    });

    it('answers 503 problem details with Retry-After while it is down; /health/live stays 200', async () => {
      await stopDb();
      // Every request, including the pool's stale connections and the token check, is a 503.
      for (let i = 0; i < 3; i++) {
        const res = await listUnits();
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({
          type: '/problems/service-unavailable',
          status: 503,
          instance: '/api/v1/admin-units',
        });
        expect(res.body.detail).toMatch(/database is not available/);
      }
      const login = await request(http)
        .post('/api/v1/auth/login')
        .send({ username: 'outage.reader', password: PASSWORD });
      expect(login.status).toBe(503);
      const ready = await request(http).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 503, detail: 'The database does not answer' });
      await request(http).get('/health/live').expect(200, { status: 'ok' });
    });

    it('recovers without a restart when the database is back', async () => {
      await openDb();
      // The first request after the return already succeeds: no dead client is reused.
      const res = await listUnits().expect(200);
      expect(res.body.total).toBe(0);
      await request(http).get('/health/ready').expect(200);
      await request(http)
        .post('/api/v1/auth/login')
        .send({ username: 'outage.reader', password: PASSWORD })
        .expect(200);
    });

    it('survives a second outage, too', async () => {
      await stopDb();
      expect((await listUnits()).status).toBe(503);
      await openDb();
      expect((await listUnits()).status).toBe(200);
    });
  });

  it('starts while the database is down, retrying with back-off, and comes up when it returns', async () => {
    const url = db!.url;
    await stopDb();
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const startedAt = Date.now();
      let ready = false;
      const starting = startApp(url, { DATABASE_CONNECT_TIMEOUT_S: '20' }).then((app) => {
        ready = true;
        apps.push(app);
        return app;
      });
      starting.catch(() => undefined);
      await sleep(2000);
      expect(ready).toBe(false);
      await openDb();
      const app = await starting;
      const took = Date.now() - startedAt;
      expect(took).toBeGreaterThanOrEqual(2000);
      expect(took).toBeLessThan(15_000);

      const retries = warn.mock.calls
        .map(([message]) => String(message))
        .filter((message) => message.startsWith('Database not reachable'));
      expect(retries.length).toBeGreaterThanOrEqual(2);
      expect(retries[0]).toMatch(/ECONNREFUSED.*retrying in 0\.5 s \(attempt 1\)/);
      expect(retries[1]).toMatch(/retrying in 1 s \(attempt 2\)/);

      const http = app.getHttpServer();
      await request(http).get('/health/ready').expect(200);
      await request(http)
        .post('/api/v1/auth/login')
        .send({ username: 'outage.reader', password: PASSWORD })
        .expect(200);
    } finally {
      warn.mockRestore();
    }
  });

  // A first start on the embedded database knows its URL while initdb still runs (main.ts): the
  // app is put together then, and connects only once the server is there.
  it('is put together while its database is not open yet, and connects in init() once it is', async () => {
    const url = db!.url;
    await stopDb();
    let opened!: () => void;
    const reachable = new Promise<void>((resolve) => (opened = resolve));
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const app = await createApiApp(
        loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }),
        url,
        undefined,
        reachable,
      );
      apps.push(app);
      let initialised = false;
      const initialising = app.init().then(() => (initialised = true));
      await sleep(1000);
      expect(initialised).toBe(false);
      await openDb();
      opened();
      await initialising;
      await app.getHttpAdapter().getInstance().ready();
      await request(app.getHttpServer()).get('/health/ready').expect(200);
      // It waited for the database rather than trying it too soon.
      const retries = warn.mock.calls.filter(([message]) =>
        String(message).startsWith('Database not reachable'),
      );
      expect(retries).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('gives up after DATABASE_CONNECT_TIMEOUT_S with a message that says why', async () => {
    const url = db!.url;
    await stopDb();
    const startedAt = Date.now();
    const error = await startApp(url, { DATABASE_CONNECT_TIMEOUT_S: '1' }).catch(
      (e: unknown) => e as Error,
    );
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect((error as Error).message).toMatch(
      /^Could not connect to the database after \d+ attempt\(s\): .*ECONNREFUSED/,
    );
  });
});
