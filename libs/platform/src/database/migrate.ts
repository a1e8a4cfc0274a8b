import { type DataSource, type Migration, MigrationExecutor, type QueryRunner } from 'typeorm';

/** Any number of 64-bit integer; the same in every replica, so only one migrates at a time. */
const MIGRATION_LOCK_ID = 727_274_202_501;

/**
 * Runs `work` under a session advisory lock, so replicas (or the server and the CLI) starting
 * together do not apply or revert the same migration twice.
 */
async function withMigrationLock<T>(
  dataSource: DataSource,
  work: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      return await work(runner);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * What DataSource.runMigrations and undoLastMigration do, on the connection that holds the lock:
 * they would take a second one from the pool, and each new connection to a new cluster costs a
 * start about 50 ms (a backend, SCRAM both ways, its catalog caches).
 */
function executor(dataSource: DataSource, runner: QueryRunner): MigrationExecutor {
  const migrations = new MigrationExecutor(dataSource, runner);
  migrations.transaction = 'each';
  return migrations;
}

export function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, (runner) =>
    executor(dataSource, runner).executePendingMigrations(),
  );
}

export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withMigrationLock(dataSource, (runner) =>
    executor(dataSource, runner).undoLastMigration(),
  );
}
