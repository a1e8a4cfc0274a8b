import type { ObjectLiteral } from 'typeorm';
import { parameterName, type RecordKind, type ScopeFilter, unitOf } from '@app/platform';
import { sessionDistrictScope } from '@app/sessions';
import type { TaskDto } from './dto/task.dto';
import { loadTaskNames, toTaskDto } from './task.mapper';
import { TaskEntity } from './task.entity';

/**
 * The lead-unit rule of records that follow a task: unit staff reach them when `leadColumn` (SQL:
 * the task's lead organisation) is their organisation.
 */
export function leadOrganisationScope<E extends ObjectLiteral>(
  leadColumn: string,
  field: string,
  message: string,
): ScopeFilter<E> {
  return {
    refusal: 'Only the Department and the staff of the task’s lead unit may do this',
    where(qb, actor) {
      const unit = unitOf(actor);
      if (unit === undefined) return;
      if (unit === null) {
        qb.andWhere('1 = 0');
        return;
      }
      const name = parameterName('leadUnit');
      qb.andWhere(`${leadColumn} = :${name}`, { [name]: unit });
    },
    field,
    message,
  };
}

/**
 * The rule of records a unit works on with others: unit staff reach the tasks (`taskColumn`, SQL:
 * the task's id) their organisation leads or co-operates on.
 */
export function involvedOrganisationScope<E extends ObjectLiteral>(
  taskColumn: string,
  field: string,
): ScopeFilter<E> {
  return {
    refusal:
      'Only the Department and the staff of the task’s lead or co-operating units may do this',
    where(qb, actor) {
      const unit = unitOf(actor);
      if (unit === undefined) return;
      if (unit === null) {
        qb.andWhere('1 = 0');
        return;
      }
      const name = parameterName('involvedUnit');
      qb.andWhere(
        `${taskColumn} IN (SELECT it.id FROM task it WHERE it.lead_organisation_id = :${name}
           UNION SELECT ic.task_id FROM task_co_organisation ic WHERE ic.organisation_id = :${name})`,
        { [name]: unit },
      );
    },
    field,
    message: 'must be a task your organisation leads or co-operates on',
  };
}

/**
 * District officers reach the tasks of sessions hosted in their district (a task without a session
 * is outside every district); unit staff change the tasks their organisation leads.
 */
export const TASK: RecordKind<TaskEntity, TaskDto> = {
  entityType: 'task',
  label: 'Task',
  entity: TaskEntity,
  async toDto(task, { manager, today }) {
    return toTaskDto(task, await loadTaskNames(manager, [task]), today);
  },
  scopes: {
    district: sessionDistrictScope('r.source_session_id', 'sourceSessionId'),
    lead_organisation: leadOrganisationScope(
      'r.lead_organisation_id',
      'leadOrganisationId',
      'must be your organisation',
    ),
    involved_organisation: involvedOrganisationScope('r.id', 'taskId'),
  },
  describe: (task) => task.title,
};
