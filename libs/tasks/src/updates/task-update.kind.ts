import { recordFields, type RecordKind } from '@app/platform';
import { sessionDistrictScope } from '@app/sessions';
import { leadOrganisationScope, TASK } from '../task.kind';
import type { TaskUpdateDto } from './dto/task-update.dto';
import { TaskUpdateEntity } from './task-update.entity';

export function toTaskUpdateDto(u: TaskUpdateEntity): TaskUpdateDto {
  return {
    ...recordFields(u),
    taskId: u.taskId,
    note: u.note,
    percent: u.percent,
    authorId: u.createdBy,
  };
}

/** A column of the update's task, as SQL. */
const ofTask = (column: string) => `(SELECT t.${column} FROM task t WHERE t.id = r.task_id)`;

/** A progress update follows its task: the same district and lead-unit rules, hidden with it. */
export const TASK_UPDATE: RecordKind<TaskUpdateEntity, TaskUpdateDto> = {
  entityType: 'task_update',
  label: 'Progress update',
  entity: TaskUpdateEntity,
  toDto: toTaskUpdateDto,
  scopes: {
    district: sessionDistrictScope(ofTask('source_session_id'), 'taskId'),
    lead_organisation: leadOrganisationScope(
      ofTask('lead_organisation_id'),
      'taskId',
      'must be a task your organisation leads',
    ),
  },
  parent: { kind: TASK, property: 'taskId' },
};
