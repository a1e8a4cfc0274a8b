import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Actor, type Clock, RecordKind, recordFields, whereInDistrict } from '@app/platform';
import { TaskDto } from './dto/task.dto';
import { isOverdue, todayInVietnam } from './task-overdue';
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
    completedAt: task.completedAt ? task.completedAt.toISOString() : null,
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

/**
 * District officers see the tasks whose source session was hosted in their district or its
 * communes; a task without a session is outside every district.
 */
export function whereTaskVisible<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  actor: Actor,
): SelectQueryBuilder<E> {
  return whereInDistrict(
    qb,
    '(SELECT ws.host_admin_unit_id FROM working_session ws WHERE ws.id = r.source_session_id)',
    actor,
  );
}

/** Unit staff change only the tasks their organisation leads (others: 404). */
export function whereTaskLedByCaller<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  actor: Actor,
): SelectQueryBuilder<E> {
  whereTaskVisible(qb, actor);
  if (actor.role !== 'unit_staff') return qb;
  if (!actor.organisationId) return qb.andWhere('1 = 0');
  return qb.andWhere('r.leadOrganisationId = :callerOrganisationId', {
    callerOrganisationId: actor.organisationId,
  });
}

export interface TaskKinds {
  /** Reads, and the Department's writes. */
  task: RecordKind<TaskEntity, TaskDto>;
  /** start, complete and progress: also unit staff, on the tasks their unit leads. */
  taskLedByCaller: RecordKind<TaskEntity, TaskDto>;
}

/** The task's record kinds; `overdue` in a response is computed against the clock's today. */
export function taskKinds(clock: Clock): TaskKinds {
  const task: RecordKind<TaskEntity, TaskDto> = {
    entityType: 'task',
    label: 'Task',
    entity: TaskEntity,
    async toDto(record, manager) {
      const co = await loadCoOrganisations(manager, [record.id]);
      return toTaskDto(record, co.get(record.id) ?? [], todayInVietnam(clock));
    },
    scope: whereTaskVisible,
  };
  return { task, taskLedByCaller: { ...task, scope: whereTaskLedByCaller } };
}
