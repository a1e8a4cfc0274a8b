import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AppConfig, type Clock, loadConfig } from '@app/platform';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { databaseUrl } from '../setup/global-setup';

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  dataSource: DataSource;
  databaseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * A database of this test file's own: by default a copy of the run's migrated template; with
 * `migrated: false` an empty one (a first start or `migrate` has work to do). `label` goes into
 * its name, to tell whose it is.
 */
export async function createTestDatabase(
  options: { label?: string; migrated?: boolean } = {},
): Promise<string> {
  const { label, migrated = true } = options;
  const adminUrl = process.env.E2E_ADMIN_URL!;
  const name = [`st_e2e_${process.env.E2E_RUN_ID}`, label, randomBytes(4).toString('hex')]
    .filter(Boolean)
    .join('_');
  const template = migrated ? ` TEMPLATE ${process.env.E2E_TEMPLATE_DB}` : '';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}${template}`);
        break;
      } catch (error) {
        // Another file copying the template at the same instant: wait and copy again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.E2E_ADMIN_URL });
  await admin.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The whole API, bootstrapped as in production, on a fresh database; only the clock may differ. */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestApp> {
  const url = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_POOL_SIZE: '5',
    ...options.env,
  });
  const app = await createApiApp(config, url, options.clock);
  await app.init();
  // Fastify answers once its plugins have loaded (supertest talks to its server directly).
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DataSource),
    databaseUrl: url,
    config,
    async close() {
      await app.close();
      await dropTestDatabase(url);
    },
  };
}

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** Requests as one signed-in user: `as.get('/api/v1/...')`. */
export class Caller {
  constructor(
    private readonly http: Server,
    readonly token: string | undefined,
  ) {}

  call(method: Method, path: string, ifMatch?: string | number): request.Test {
    const req = request(this.http)[method](path);
    if (this.token) req.set('Authorization', `Bearer ${this.token}`);
    if (ifMatch !== undefined)
      req.set('If-Match', typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch);
    return req;
  }

  get(path: string): request.Test {
    return this.call('get', path);
  }

  post(path: string, body?: object, ifMatch?: string | number): request.Test {
    const req = this.call('post', path, ifMatch);
    return body === undefined ? req : req.send(body);
  }

  patch(path: string, body: object, ifMatch?: string | number): request.Test {
    return this.call('patch', path, ifMatch).send(body);
  }

  delete(path: string, ifMatch?: string | number): request.Test {
    return this.call('delete', path, ifMatch);
  }
}
