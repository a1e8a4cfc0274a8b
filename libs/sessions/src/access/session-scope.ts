import type { ObjectLiteral } from 'typeorm';
import type { ScopeFilter } from '@app/platform';
import { whereDistrictUnits } from '@app/registry';

/** SQL: the session `sessionColumn` was hosted in one of `units` (an SQL array of unit ids). */
export function hostedIn(sessionColumn: string, units: string): string {
  return `EXISTS (SELECT 1 FROM working_session ws WHERE ws.id = ${sessionColumn}
            AND ws.host_admin_unit_id = ANY (${units}))`;
}

/**
 * The district rule of records that belong to a session (its participants and records, the tasks
 * it gave): a district officer reaches them when the session was hosted in their district or one
 * of its communes. `field` names the input that ties a record to its session.
 *
 * A semi-join on the session, the caller's units found once per statement: PostgreSQL can walk a
 * list in its index order and probe each row's session, or join the district's sessions at once
 * for a count, instead of running a subquery per row.
 */
export function sessionDistrictScope<E extends ObjectLiteral>(
  sessionColumn: string,
  field: string,
): ScopeFilter<E> {
  return {
    where: (qb, actor) => whereDistrictUnits(qb, actor, (units) => hostedIn(sessionColumn, units)),
    field,
    message: 'must be a session hosted in your district',
  };
}
