import { allowedActions, type StatusMachine, transition } from '@app/platform';
import type { TaskStatus } from './task.entity';

export const TASK_ACTIONS = ['start', 'complete', 'cancel', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * open → in_progress → done; an open task may be completed at once (small tasks are not always
 * started first); open and in-progress tasks may be cancelled; done and cancelled ones reopened.
 */
export const TASK_STATUS_MACHINE: StatusMachine<TaskStatus, TaskAction> = {
  start: { from: ['open'], to: 'in_progress' },
  complete: { from: ['open', 'in_progress'], to: 'done' },
  cancel: { from: ['open', 'in_progress'], to: 'cancelled' },
  reopen: { from: ['done', 'cancelled'], to: 'open' },
};

export function nextTaskStatus(status: TaskStatus, action: TaskAction): TaskStatus {
  return transition(TASK_STATUS_MACHINE, 'task', status, action);
}

export function taskActionsFrom(status: TaskStatus): TaskAction[] {
  return allowedActions(TASK_STATUS_MACHINE, status);
}

/** Tasks on which progress may be reported. */
export function isActiveTask(status: TaskStatus): boolean {
  return status === 'open' || status === 'in_progress';
}
