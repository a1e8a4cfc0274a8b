import type { ObjectLiteral } from 'typeorm';
import { districtOf, parameterName, type ScopeFilter } from '@app/platform';
import { unitsOf } from '@app/registry';

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
    where(qb, actor) {
      const district = districtOf(actor);
      if (district === undefined) return;
      if (district === null) {
        qb.andWhere('1 = 0');
        return;
      }
      const name = parameterName('scopeUnit');
      qb.andWhere(
        `EXISTS (SELECT 1 FROM working_session ws WHERE ws.id = ${sessionColumn}
            AND ws.host_admin_unit_id = ANY (${unitsOf(name)}))`,
        { [name]: district },
      );
    },
    field,
    message: 'must be a session hosted in your district',
  };
}
