import type { EntityManager } from 'typeorm';

/**
 * Kinds of records other records may point at by `(type, id)`, e.g. a task's subject. Each
 * module registers the kinds it owns with their table, so a reference is checked against the
 * database without the platform knowing the modules.
 */
const tables = new Map<string, string>();

export function registerRecordType(type: string, table: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`Unsafe table name ${table}`);
  tables.set(type, table);
}

export function recordTypes(): string[] {
  return [...tables.keys()].sort();
}

/** True when a record of that kind exists and is not deleted. */
export async function recordExists(
  manager: EntityManager,
  type: string,
  id: string,
): Promise<boolean> {
  const table = tables.get(type);
  if (!table) return false;
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM "${table}" WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return rows.length > 0;
}
