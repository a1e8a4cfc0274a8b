import { calendarDate, type Clock } from '@app/platform';
import type { TaskStatus } from './task.entity';

/** Today's calendar date in Viet Nam (YYYY-MM-DD), by the app's clock. */
export function todayInVietnam(clock: Clock): string {
  return calendarDate(clock.now());
}

/** Not done, not cancelled, and due before today (both calendar dates in Viet Nam). */
export function isOverdue(
  task: { status: TaskStatus; dueDate: string | null },
  today: string,
): boolean {
  return (
    task.status !== 'done' &&
    task.status !== 'cancelled' &&
    task.dueDate !== null &&
    task.dueDate < today
  );
}

/**
 * The same rule in SQL on a query builder alias, with today as the named parameter: the filter
 * and the response field must never disagree.
 */
export function overdueCondition(alias: string, todayParameter: string): string {
  return `(${alias}.status NOT IN ('done', 'cancelled') AND ${alias}.dueDate < :${todayParameter})`;
}

export function notOverdueCondition(alias: string, todayParameter: string): string {
  return `(${alias}.status IN ('done', 'cancelled') OR ${alias}.dueDate IS NULL OR ${alias}.dueDate >= :${todayParameter})`;
}
