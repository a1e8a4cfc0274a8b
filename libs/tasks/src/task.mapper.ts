import type { EntityManager } from 'typeorm';
import { recordFields, vietnamInstantOrNull } from '@app/platform';
import { TaskDto } from './dto/task.dto';
import { isOverdue } from './task-overdue';
import { taskActionsFrom } from './task-status';
import { TaskCoOrganisationEntity, TaskEntity } from './task.entity';

export function toTaskDto(task: TaskEntity, coOrganisationIds: string[], today: string): TaskDto {
  return {
    ...recordFields(task),
    title: task.title,
    description: task.description,
    leadOrganisationId: task.leadOrganisationId,
    coOrganisationIds,
    assignedByPersonId: task.assignedByPersonId,
    dueDate: task.dueDate,
    priority: task.priority,
    sourceSessionId: task.sourceSessionId,
    sourceRecordId: task.sourceRecordId,
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    status: task.status,
    overdue: isOverdue(task, today),
    percent: task.percent,
    completionNote: task.completionNote,
    cancelReason: task.cancelReason,
    statusNote: task.statusNote,
    completedAt: vietnamInstantOrNull(task.completedAt),
    allowedActions: taskActionsFrom(task.status),
  };
}

/** The co-operating units of many tasks in one query (no N+1). */
export async function loadCoOrganisations(
  manager: EntityManager,
  taskIds: string[],
): Promise<Map<string, string[]>> {
  const byTask = new Map<string, string[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await manager
    .createQueryBuilder(TaskCoOrganisationEntity, 'c')
    .where('c.taskId IN (:...taskIds)', { taskIds })
    .orderBy('c.taskId')
    .addOrderBy('c.organisationId')
    .getMany();
  for (const row of rows)
    byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row.organisationId]);
  return byTask;
}
