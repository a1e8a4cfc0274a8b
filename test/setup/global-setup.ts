import './paths';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, openEmbeddedPostgres, runMigrationsLocked } from '@app/platform';
import { APP_SCHEMA } from '../../apps/api/src/schema';

/**
 * Once per test run: a PostgreSQL server (TEST_DATABASE_URL when set, else one embedded server in a
 * temporary directory), and a template database migrated from scratch. Each e2e file then copies
 * the template into a database of its own (CREATE DATABASE … TEMPLATE is fast).
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // Mode 700 like any `mktemp -d`: as root, the embedded server lets its user (postgres) in.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-e2e-'));
    const server = await openEmbeddedPostgres({ dataDir, endsWithProcess: true });
    adminUrl = server.adminUrl;
    (globalThis as Record<string, unknown>).__E2E_SERVER__ = { server, dataDir };
  }
  const template = `st_e2e_template_${runId}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const dataSource = new DataSource(
    buildDataSourceOptions(databaseUrl(adminUrl, template), APP_SCHEMA, { poolSize: 2 }),
  );
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();

  process.env.E2E_ADMIN_URL = adminUrl;
  process.env.E2E_TEMPLATE_DB = template;
  process.env.E2E_RUN_ID = runId;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
