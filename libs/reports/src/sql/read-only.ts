import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a report's statements in one read-only transaction at REPEATABLE READ: every section
 * reads the same snapshot, so the figures agree with each other even while people write.
 */
export function readSnapshot<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return work(manager);
  });
}
