import { calendarDate, type Clock, sqlIn } from '@app/platform';
import { CLOSED_TASK_STATUSES, isActiveTask } from './task-status';
import type { TaskStatus } from './task.entity';

/** Today's calendar date in Viet Nam (YYYY-MM-DD), by the app's clock. */
export function todayInVietnam(clock: Clock): string {
  return calendarDate(clock.now());
}

/** Not closed (done or cancelled), and due before today (both calendar dates in Viet Nam). */
export function isOverdue(
  task: { status: TaskStatus; dueDate: string | null },
  today: string,
): boolean {
  return isActiveTask(task.status) && task.dueDate !== null && task.dueDate < today;
}

/**
 * The same rule in SQL on a query builder alias, with today as the named parameter: the filter
 * and the response field must never disagree.
 */
export function overdueCondition(alias: string, todayParameter: string): string {
  return `(NOT ${sqlIn(`${alias}.status`, CLOSED_TASK_STATUSES)} AND ${alias}.dueDate < :${todayParameter})`;
}

export function notOverdueCondition(alias: string, todayParameter: string): string {
  return `(${sqlIn(`${alias}.status`, CLOSED_TASK_STATUSES)} OR ${alias}.dueDate IS NULL OR ${alias}.dueDate >= :${todayParameter})`;
}
