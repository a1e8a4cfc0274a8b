import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Actor, districtOf, parameterName, type ScopeFilter } from '@app/platform';

/**
 * SQL that keeps rows whose admin unit (`column`, an SQL expression on the query's aliases) is the
 * district officer's district or one of its communes. Applied in the WHERE clause of lists, reads,
 * updates and deletes alike, so a record outside the district is simply not found.
 */
export function whereInDistrict<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  column: string,
  actor: Actor,
): SelectQueryBuilder<E> {
  return whereDistrictUnits(qb, actor, (units) => `${column} = ANY (${units})`);
}

/**
 * The district rule as the condition `where(units)` makes of the officer's units (`units`: SQL,
 * an array of their district and its communes): nothing for callers without the rule, no row for
 * an officer bound to no district.
 */
export function whereDistrictUnits<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  actor: Actor,
  where: (units: string) => string,
): SelectQueryBuilder<E> {
  const district = districtOf(actor);
  if (district === undefined) return qb;
  if (district === null) return qb.andWhere('1 = 0');
  const name = parameterName('scopeUnit');
  // The caller's units (at most a district and its communes) are found once per statement, an
  // array the rows are matched against, so the rows can still come in the order of an index.
  return qb.andWhere(where(unitsOf(name)), { [name]: district });
}

/** SQL: the unit named by the parameter `name` and its communes, as an array computed once. */
export function unitsOf(name: string): string {
  return `ARRAY(SELECT su.id FROM admin_unit su WHERE su.id = :${name} OR su.parent_id = :${name})`;
}

/**
 * The district rule of a kind whose rows lie in the admin unit `column`; `field` is the input that
 * places a record there, named when a district officer's write would put it outside.
 */
export function districtScope<E extends ObjectLiteral>(
  column: string,
  field: string,
  message?: string,
): ScopeFilter<E> {
  return { where: (qb, actor) => whereInDistrict(qb, column, actor), field, message };
}
