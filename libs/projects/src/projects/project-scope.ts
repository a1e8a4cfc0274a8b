import type { ObjectLiteral } from 'typeorm';
import { districtOf, type ScopeFilter } from '@app/platform';
import { whereInDistrict } from '@app/registry';
import { ProjectAdminUnitEntity } from './project.entity';

/**
 * The district rule of a project and of what belongs to one (its participants, its indicators):
 * a district officer reaches the project whose id is `projectColumn` (SQL on the query's aliases)
 * when ANY of its admin units is their district or one of its communes, an EXISTS over the link
 * table. `field` names the input that places the record.
 */
export function projectDistrictScope<E extends ObjectLiteral>(
  projectColumn: string,
  field: string,
  message: string,
): ScopeFilter<E> {
  return {
    where(qb, actor) {
      if (districtOf(actor) === undefined) return;
      const links = qb
        .subQuery()
        .select('1')
        .from(ProjectAdminUnitEntity, 'scope_link')
        .where(`scope_link.project_id = ${projectColumn}`);
      whereInDistrict(links, 'scope_link.admin_unit_id', actor);
      qb.andWhere(`EXISTS ${links.getQuery()}`, links.getParameters());
    },
    field,
    message,
  };
}
