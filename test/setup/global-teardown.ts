import './paths';
import { promises as fs } from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedPostgresHandle } from '@app/platform';

/** Drops what the run made: its databases on a shared server, or the whole embedded server. */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__E2E_SERVER__ as
    { server: EmbeddedPostgresHandle; dataDir: string } | undefined;
  if (embedded) {
    await embedded.server.stop();
    await fs.rm(embedded.dataDir, { recursive: true, force: true });
    return;
  }
  const admin = new Client({ connectionString: process.env.E2E_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`st_e2e_%${process.env.E2E_RUN_ID}%`],
    );
    // Template last: nothing may still be copying from it.
    rows.sort(
      (a, b) => Number(a.datname.includes('template')) - Number(b.datname.includes('template')),
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
