import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  type Actor,
  districtOf,
  parameterName,
  type RecordKind,
  type ScopeFilter,
  unitOf,
} from '@app/platform';
import { AdminUnitEntity, districtScope } from '@app/registry';
import { TASK, TaskEntity, type TaskDto } from '@app/tasks';
import type { ReportUnitDto } from '../dto/figures.dto';

/** SQL: the ids of the units a district officer reaches (their unit and the units within it). */
export function officerUnitsSql(parameter: string): string {
  return `SELECT su.id FROM admin_unit su WHERE su.id = ${parameter} OR su.parent_id = ${parameter}`;
}

/**
 * The unit a report is about. A district officer reaches the report of their own district (or
 * commune) only: any other answers 404, as every record of another district does.
 */
export const REPORT_UNIT: RecordKind<AdminUnitEntity, ReportUnitDto> = {
  entityType: 'admin_unit',
  label: 'Administrative unit',
  entity: AdminUnitEntity,
  toDto: (u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    validFrom: u.validFrom,
    validTo: u.validTo,
  }),
  scopes: { district: districtScope('r.id', 'adminUnitId') },
};

/**
 * The district rule on tasks as one uncorrelated semi-join (the tasks of sessions hosted in the
 * officer's units), not a subquery per task row: a report aggregates many tasks.
 */
function taskDistrictScope<E extends ObjectLiteral>(): ScopeFilter<E> {
  return {
    where(qb: SelectQueryBuilder<E>, actor: Actor) {
      const district = districtOf(actor);
      if (district === undefined) return;
      if (district === null) {
        qb.andWhere('1 = 0');
        return;
      }
      const name = parameterName('reportDistrict');
      qb.andWhere(
        `r.source_session_id IN (SELECT ws.id FROM working_session ws WHERE ws.host_admin_unit_id IN (${officerUnitsSql(`:${name}`)}))`,
        { [name]: district },
      );
    },
  };
}

/** The task follow-up's tasks: a district officer's are their district's; unit staff's their unit's. */
export const REPORT_TASK: RecordKind<TaskEntity, TaskDto> = {
  entityType: 'task',
  label: 'Task',
  entity: TaskEntity,
  toDto: (task, context) => TASK.toDto(task, context),
  scopes: {
    district: taskDistrictScope(),
    lead_organisation: {
      where(qb, actor) {
        const unit = unitOf(actor);
        if (unit === undefined) return;
        if (unit === null) {
          qb.andWhere('1 = 0');
          return;
        }
        const name = parameterName('reportLead');
        qb.andWhere(`r.lead_organisation_id = :${name}`, { [name]: unit });
      },
    },
  },
};
