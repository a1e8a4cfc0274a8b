import type { DataSource, Migration } from 'typeorm';

/** Any number of 64-bit integer; the same in every replica, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 727_274_202_501;

/**
 * Runs `work` under a session advisory lock, so replicas (or the server and the CLI) starting
 * together do not apply or revert the same migration twice.
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}

export function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}

export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
}
