import type { EntityManager } from 'typeorm';
import { recordFields, vietnamInstantOrNull } from '@app/platform';
import { type OrganisationRefDto, type PersonRefDto, RegistryRefs } from '@app/registry';
import { loadSessionRefs, type SessionRefDto } from '@app/sessions';
import type { TaskDto, TaskRole } from './dto/task.dto';
import { isOverdue, lateness } from './task-overdue';
import { taskActionsFrom } from './task-status';
import { TaskCoOrganisationEntity, TaskEntity } from './task.entity';

/** What a task's response needs besides its row: co-operating units and names, loaded in bulk. */
export interface TaskNames {
  co: Map<string, string[]>;
  refs: RegistryRefs;
  sessions: Awaited<ReturnType<typeof loadSessionRefs>>;
}

/** A task's own fields that its response shows: the entity's, or a row's on the hot reads. */
export type TaskFields = Pick<
  TaskEntity,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt'
  | 'version'
  | 'title'
  | 'description'
  | 'leadOrganisationId'
  | 'assignedByPersonId'
  | 'dueDate'
  | 'priority'
  | 'sourceSessionId'
  | 'sourceRecordId'
  | 'subjectType'
  | 'subjectId'
  | 'status'
  | 'percent'
  | 'completionNote'
  | 'cancelReason'
  | 'statusNote'
  | 'completedAt'
>;

/** The names one task shows beside its ids. */
export interface TaskShownNames {
  leadOrganisation: OrganisationRefDto;
  /** In the order of their ids. */
  coOrganisations: OrganisationRefDto[];
  assignedBy: PersonRefDto | null;
  sourceSession: SessionRefDto | null;
}

/** One task's names, picked from those loaded for many (a name not found shows empty). */
export function shownNames(task: TaskFields, names: TaskNames): TaskShownNames {
  return {
    leadOrganisation: names.refs.organisation(task.leadOrganisationId),
    coOrganisations: (names.co.get(task.id) ?? []).map((id) => names.refs.organisation(id)),
    assignedBy: names.refs.person(task.assignedByPersonId),
    sourceSession:
      task.sourceSessionId === null ? null : (names.sessions.get(task.sourceSessionId) ?? null),
  };
}

export function toTaskDto(
  task: TaskFields,
  names: TaskNames,
  today: string,
  callerOrganisationId: string | null = null,
): TaskDto {
  return taskDto(task, shownNames(task, names), today, callerOrganisationId);
}

/** The response of a task: its fields, its names, and what today and the caller make of them. */
export function taskDto(
  task: TaskFields,
  shown: TaskShownNames,
  today: string,
  callerOrganisationId: string | null,
): TaskDto {
  const coOrganisationIds = shown.coOrganisations.map((o) => o.id);
  const myRole: TaskRole | null =
    callerOrganisationId === null
      ? null
      : task.leadOrganisationId === callerOrganisationId
        ? 'lead'
        : coOrganisationIds.includes(callerOrganisationId)
          ? 'co_operating'
          : null;
  const late = lateness(task, today);
  return Object.assign(recordFields(task), {
    title: task.title,
    description: task.description,
    leadOrganisationId: task.leadOrganisationId,
    leadOrganisation: shown.leadOrganisation,
    coOrganisationIds,
    coOrganisations: shown.coOrganisations,
    assignedByPersonId: task.assignedByPersonId,
    assignedBy: shown.assignedBy,
    dueDate: task.dueDate,
    priority: task.priority,
    sourceSessionId: task.sourceSessionId,
    sourceSession: shown.sourceSession,
    sourceRecordId: task.sourceRecordId,
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    status: task.status,
    overdue: isOverdue(task, today),
    completedLate: late.completedLate,
    daysLate: late.daysLate,
    myRole,
    percent: task.percent,
    completionNote: task.completionNote,
    cancelReason: task.cancelReason,
    statusNote: task.statusNote,
    completedAt: vietnamInstantOrNull(task.completedAt),
    allowedActions: taskActionsFrom(task.status),
  });
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
 * Everything a page of tasks shows beside their ids, in four queries however many tasks: the
 * co-operating units, the organisations' and people's names, the sessions' titles and dates.
 * One after the other: inside a transaction they share one connection.
 */
export async function loadTaskNames(
  manager: EntityManager,
  tasks: TaskEntity[],
): Promise<TaskNames> {
  const co = await loadCoOrganisations(
    manager,
    tasks.map((t) => t.id),
  );
  const refs = await RegistryRefs.load(manager, {
    organisations: [...tasks.map((t) => t.leadOrganisationId), ...[...co.values()].flat()],
    people: tasks.map((t) => t.assignedByPersonId),
  });
  const sessions = await loadSessionRefs(
    manager,
    tasks.map((t) => t.sourceSessionId),
  );
  return { co, refs, sessions };
}
