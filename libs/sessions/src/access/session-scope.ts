import type { ObjectLiteral } from 'typeorm';
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
