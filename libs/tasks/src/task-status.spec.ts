import { IllegalTransitionError } from '@app/platform';
import { isActiveTask, nextTaskStatus, type TaskAction, taskActionsFrom } from './task-status';
import type { TaskStatus } from './task.entity';

function refusal(from: TaskStatus, action: TaskAction): unknown {
  try {
    nextTaskStatus(from, action);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('task status machine', () => {
  it.each([
    ['open', 'start', 'in_progress'],
    ['open', 'complete', 'done'],
    ['in_progress', 'complete', 'done'],
    ['open', 'cancel', 'cancelled'],
    ['in_progress', 'cancel', 'cancelled'],
    ['done', 'reopen', 'open'],
    ['cancelled', 'reopen', 'open'],
  ] as const)('%s —%s→ %s', (from, action, to) => {
    expect(nextTaskStatus(from, action)).toBe(to);
  });

  it.each([
    ['open', 'reopen', ['start', 'complete', 'cancel']],
    ['in_progress', 'start', ['complete', 'cancel']],
    ['in_progress', 'reopen', ['complete', 'cancel']],
    ['done', 'start', ['reopen']],
    ['done', 'complete', ['reopen']],
    ['done', 'cancel', ['reopen']],
    ['cancelled', 'start', ['reopen']],
    ['cancelled', 'complete', ['reopen']],
    ['cancelled', 'cancel', ['reopen']],
  ] as const)('refuses %s —%s→, naming the allowed actions', (from, action, allowed) => {
    const error = refusal(from, action);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).allowedActions).toEqual(allowed);
    expect(taskActionsFrom(from)).toEqual(allowed);
  });

  it('takes progress only on open and in-progress tasks', () => {
    expect(
      ['open', 'in_progress', 'done', 'cancelled'].map((s) => isActiveTask(s as TaskStatus)),
    ).toEqual([true, true, false, false]);
  });
});
