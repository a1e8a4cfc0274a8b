import { BUSINESS_TIME_ZONE, calendarDate, type Clock, sqlIn } from '@app/platform';
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

/** Days from one calendar date to a later one (negative when earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * How late a task is, in days, so late work stays visible: a done task, the days after its due
 * date it was completed (in Viet Nam); an overdue one, the days past its due date today; else null.
 */
export function lateness(
  task: { status: TaskStatus; dueDate: string | null; completedAt: Date | null },
  today: string,
): { completedLate: boolean; daysLate: number | null } {
  if (task.dueDate === null) return { completedLate: false, daysLate: null };
  if (task.status === 'done' && task.completedAt !== null) {
    const late = daysBetween(task.dueDate, calendarDate(task.completedAt));
    return late > 0
      ? { completedLate: true, daysLate: late }
      : { completedLate: false, daysLate: null };
  }
  return isOverdue(task, today)
    ? { completedLate: false, daysLate: daysBetween(task.dueDate, today) }
    : { completedLate: false, daysLate: null };
}

/** SQL on an alias: done after its due date, by the day of completion in Viet Nam. */
export function completedLateCondition(alias: string): string {
  return `(${alias}.status = 'done' AND ${alias}.dueDate IS NOT NULL AND (${alias}.completedAt AT TIME ZONE '${BUSINESS_TIME_ZONE}')::date > ${alias}.dueDate)`;
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
