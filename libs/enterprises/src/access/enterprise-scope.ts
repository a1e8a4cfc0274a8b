import type { ObjectLiteral } from 'typeorm';
import type { ScopeFilter } from '@app/platform';
import { districtScope } from '@app/registry';

/**
 * The district rule of records that belong to an enterprise (its certificates, its support needs):
 * a district officer reaches them when the enterprise lies in their district or one of its
 * communes. `enterpriseColumn` is the SQL column that names the enterprise.
 */
export function enterpriseDistrictScope<E extends ObjectLiteral>(
  enterpriseColumn: string,
  field: string,
): ScopeFilter<E> {
  return districtScope(
    `(SELECT e.admin_unit_id FROM enterprise e WHERE e.id = ${enterpriseColumn})`,
    field,
    'must be an enterprise of your district',
  );
}
