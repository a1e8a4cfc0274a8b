import { type ActionInput, allowedActions, type StatusMachine } from '@app/platform';
import type { TaskEntity, TaskStatus } from './task.entity';

export const TASK_ACTIONS = ['start', 'complete', 'cancel', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The statuses in which a task is finished with: no progress, never overdue. Defined once. */
export const CLOSED_TASK_STATUSES = ['done', 'cancelled'] as const satisfies readonly TaskStatus[];

/** The note given with an action is kept as the task's latest status note. */
const statusNote = (input: ActionInput) => (input.note as string | undefined) ?? null;

/**
 * open → in_progress → done; an open task may be completed at once (small tasks are not always
 * started first), with a note of what was done; open and in-progress tasks may be cancelled, with
 * a reason; done and cancelled ones reopened, which voids the completion and lets progress be
 * reported lower again.
 */
export const TASK_STATUS_MACHINE: StatusMachine<TaskStatus, TaskAction, TaskEntity> = {
  start: {
    from: ['open'],
    to: 'in_progress',
    accepts: ['note'],
    effect: (_task, input) => ({ statusNote: statusNote(input) }),
  },
  complete: {
    from: ['open', 'in_progress'],
    to: 'done',
    requires: { note: 'is required to complete a task: what was done' },
    effect: (_task, input, now) => ({
      statusNote: statusNote(input),
      completionNote: input.note as string,
      completedAt: now,
      percent: 100,
      percentFloor: 100,
    }),
  },
  cancel: {
    from: ['open', 'in_progress'],
    to: 'cancelled',
    requires: { reason: 'is required to cancel a task' },
    accepts: ['note'],
    effect: (_task, input) => ({
      statusNote: statusNote(input),
      cancelReason: input.reason as string,
    }),
  },
  reopen: {
    from: ['done', 'cancelled'],
    to: 'open',
    accepts: ['note'],
    effect: (_task, input) => ({
      statusNote: statusNote(input),
      completionNote: null,
      cancelReason: null,
      completedAt: null,
      percentFloor: 0,
    }),
  },
};

export function taskActionsFrom(status: TaskStatus): TaskAction[] {
  return allowedActions(TASK_STATUS_MACHINE, status);
}

/** Tasks on which progress may be reported: those not closed. */
export function isActiveTask(status: TaskStatus): boolean {
  return !(CLOSED_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}
