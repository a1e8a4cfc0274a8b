import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  pendingSchemaChanges,
  revertLastMigration,
  runMigrationsLocked,
} from '@app/platform';
import { APP_SCHEMA } from '../apps/api/src/schema';
import { databaseUrl } from './setup/global-setup';

/**
 * The migrations build exactly the schema the entities describe (a generated migration would be
 * empty), and every migration's down() undoes its up().
 */
describe('Migrations', () => {
  const name = `st_e2e_${process.env.E2E_RUN_ID}_mig_${randomBytes(3).toString('hex')}`;
  let dataSource: DataSource;

  const tables = async () =>
    (
      await dataSource.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      )
    ).map((row) => row.table_name);

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.E2E_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    dataSource = new DataSource(
      buildDataSourceOptions(databaseUrl(process.env.E2E_ADMIN_URL!, name), APP_SCHEMA, {
        poolSize: 2,
      }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    const admin = new Client({ connectionString: process.env.E2E_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('applies every migration on an empty database, and the entities then need no change', async () => {
    const applied = await runMigrationsLocked(dataSource);
    expect(applied.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('reverts every migration down to an empty schema, and applies them again', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await revertLastMigration(dataSource);
    expect((await tables()).filter((t) => t !== 'migrations')).toEqual([]);
    await runMigrationsLocked(dataSource);
    expect(await tables()).toEqual(
      expect.arrayContaining(['admin_unit', 'organisation', 'person', 'app_user', 'audit_event']),
    );
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
  });
});
