import type { EntityManager } from 'typeorm';

/**
 * "Certified" defined once, in SQL: an enterprise is certified while it holds a live certificate
 * whose status is `valid`. The list filter, the `certified` field and the reports use these.
 */
const VALID_CERTIFICATE = `c.status = 'valid' AND c.deleted_at IS NULL`;

/** SQL: the enterprise `enterpriseId` (an SQL expression, e.g. `r.id`) is certified now. */
export function certifiedCondition(enterpriseId: string): string {
  return `EXISTS (SELECT 1 FROM st_enterprise_certificate c WHERE c.enterprise_id = ${enterpriseId} AND ${VALID_CERTIFICATE})`;
}

/**
 * SQL: the enterprise held a certificate valid on at least one day of the year named by the query
 * parameter `:yearParameter`: issued on or before 31 December, and not ended (revoked, expired)
 * on or before 1 January. A certificate is valid from `issued_on` until `ended_on`, exclusive.
 */
export function certifiedDuringYearCondition(enterpriseId: string, yearParameter: string): string {
  return (
    `EXISTS (SELECT 1 FROM st_enterprise_certificate c WHERE c.enterprise_id = ${enterpriseId}` +
    ` AND c.deleted_at IS NULL AND c.issued_on <= make_date(:${yearParameter}, 12, 31)` +
    ` AND (c.ended_on IS NULL OR c.ended_on > make_date(:${yearParameter}, 1, 1)))`
  );
}

/** Which of these enterprises are certified now: one query. */
export async function certifiedAmong(manager: EntityManager, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await manager.query<{ enterprise_id: string }[]>(
    `SELECT DISTINCT c.enterprise_id FROM st_enterprise_certificate c
      WHERE c.enterprise_id = ANY($1::uuid[]) AND ${VALID_CERTIFICATE}`,
    [ids],
  );
  return new Set(rows.map((r) => r.enterprise_id));
}
