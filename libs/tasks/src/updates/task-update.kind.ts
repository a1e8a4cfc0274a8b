import type { EntityManager } from 'typeorm';
import { loadUserNames, recordFields, type RecordKind } from '@app/platform';
import { sessionDistrictScope } from '@app/sessions';
import { involvedOrganisationScope, leadOrganisationScope, TASK } from '../task.kind';
import type { TaskUpdateDto } from './dto/task-update.dto';
import { TaskUpdateEntity } from './task-update.entity';

export function toTaskUpdateDto(
  u: TaskUpdateEntity,
  authors: ReadonlyMap<string, string>,
): TaskUpdateDto {
  return Object.assign(recordFields(u), {
    taskId: u.taskId,
    note: u.note,
    percent: u.percent,
    authorId: u.createdBy,
    authorName: u.createdBy === null ? null : (authors.get(u.createdBy) ?? null),
  });
}

/** Updates as shown, their authors named in one query. */
export async function toTaskUpdateDtos(
  manager: EntityManager,
  updates: TaskUpdateEntity[],
): Promise<TaskUpdateDto[]> {
  const authors = await loadUserNames(
    manager,
    updates.map((u) => u.createdBy),
  );
  return updates.map((u) => toTaskUpdateDto(u, authors));
}

/** A column of the update's task, as SQL. */
const ofTask = (column: string) => `(SELECT t.${column} FROM task t WHERE t.id = r.task_id)`;

/** A progress update follows its task: the same district and lead-unit rules, hidden with it. */
export const TASK_UPDATE: RecordKind<TaskUpdateEntity, TaskUpdateDto> = {
  entityType: 'task_update',
  label: 'Progress update',
  entity: TaskUpdateEntity,
  async toDto(update, { manager }) {
    return (await toTaskUpdateDtos(manager, [update]))[0];
  },
  scopes: {
    district: sessionDistrictScope(ofTask('source_session_id'), 'taskId'),
    lead_organisation: leadOrganisationScope(
      ofTask('lead_organisation_id'),
      'taskId',
      'must be a task your organisation leads',
    ),
    involved_organisation: involvedOrganisationScope('r.task_id', 'taskId'),
  },
  parent: { kind: TASK, property: 'taskId' },
};
