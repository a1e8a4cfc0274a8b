import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ScopeFilter } from '@app/platform';
import { whereInDistrict } from '@app/registry';

/** The host unit of the session whose id is `sessionColumn`, as SQL. */
function hostOf(sessionColumn: string): string {
  return `(SELECT ws.host_admin_unit_id FROM working_session ws WHERE ws.id = ${sessionColumn})`;
}

/**
 * The district rule of records that belong to a session (its participants and records, the tasks
 * it gave): a district officer reaches them when the session was hosted in their district or one
 * of its communes. `field` names the input that ties a record to its session.
 */
export function sessionDistrictScope<E extends ObjectLiteral>(
  sessionColumn: string,
  field: string,
): ScopeFilter<E> {
  return {
    where: (qb, actor) => whereInDistrict(qb, hostOf(sessionColumn), actor),
    field,
    message: 'must be a session hosted in your district',
  };
}

/** Children of a deleted session are hidden with it: they exist only while the session does. */
export function whereSessionLive<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  sessionColumn: string,
): SelectQueryBuilder<E> {
  return qb.andWhere(
    `EXISTS (SELECT 1 FROM working_session live WHERE live.id = ${sessionColumn} AND live.deleted_at IS NULL)`,
  );
}
