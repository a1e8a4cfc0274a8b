import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor';

let parameterCounter = 0;

/**
 * The admin unit a district officer is bound to, or undefined for roles that see every district.
 * An officer with no unit sees nothing (a misconfigured account must not see everything).
 */
export function districtOf(actor: Actor): string | null | undefined {
  return actor.role === 'district_officer' ? actor.adminUnitId : undefined;
}

/**
 * SQL that keeps rows whose admin unit (`column`) is the officer's district or one of its
 * communes. Applied in the WHERE clause of lists, reads, updates and deletes alike, so a record
 * outside the district is simply not found.
 */
export function whereInDistrict<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  column: string,
  actor: Actor,
): SelectQueryBuilder<E> {
  const district = districtOf(actor);
  if (district === undefined) return qb;
  if (district === null) return qb.andWhere('1 = 0');
  const name = `scopeUnit${++parameterCounter % 1_000_000}`;
  return qb.andWhere(
    `${column} IN (SELECT su.id FROM admin_unit su WHERE su.id = :${name} OR su.parent_id = :${name})`,
    { [name]: district },
  );
}

/** True when an admin unit id lies in the officer's district (always true for other roles). */
export async function isInDistrict(
  query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  actor: Actor,
  adminUnitId: string,
): Promise<boolean> {
  const district = districtOf(actor);
  if (district === undefined) return true;
  if (district === null) return false;
  const rows = await query(
    'SELECT 1 FROM admin_unit WHERE id = $1 AND (id = $2 OR parent_id = $2)',
    [adminUnitId, district],
  );
  return rows.length > 0;
}
