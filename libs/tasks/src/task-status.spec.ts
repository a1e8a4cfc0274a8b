import { IllegalTransitionError, planAction, RequestValidationError } from '@app/platform';
import { isActiveTask, TASK_STATUS_MACHINE, type TaskAction, taskActionsFrom } from './task-status';
import type { TaskEntity, TaskStatus } from './task.entity';

const now = new Date('2026-03-10T03:00:00Z');
const INPUT: Record<TaskAction, Record<string, unknown>> = {
  start: {},
  complete: { note: 'Đã gửi' },
  cancel: { reason: 'Không còn cần' },
  reopen: {},
};

function task(status: TaskStatus): TaskEntity {
  return {
    status,
    percent: 40,
    percentFloor: 40,
    completionNote: null,
    cancelReason: null,
    statusNote: null,
    completedAt: null,
  } as TaskEntity;
}

function plan(status: TaskStatus, action: TaskAction, input = INPUT[action]) {
  return planAction(TASK_STATUS_MACHINE, 'task', task(status), action, input, now);
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
    expect(plan(from, action).status).toBe(to);
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
    expect(() => plan(from, action)).toThrow(
      new IllegalTransitionError('task', action, from, allowed),
    );
    expect(taskActionsFrom(from)).toEqual(allowed);
  });

  it('completes with the note, the time, and 100 %', () => {
    expect(plan('in_progress', 'complete')).toEqual({
      status: 'done',
      statusNote: 'Đã gửi',
      completionNote: 'Đã gửi',
      completedAt: now,
      percent: 100,
      percentFloor: 100,
    });
  });

  it('requires a note to complete and a reason to cancel; reason only for cancel', () => {
    expect(() => plan('open', 'complete', {})).toThrow(
      'note: is required to complete a task: what was done',
    );
    expect(() => plan('open', 'cancel', {})).toThrow('reason: is required to cancel a task');
    expect(() => plan('open', 'start', { reason: 'x' })).toThrow(RequestValidationError);
  });

  it('reopening voids the completion and lets progress go lower again', () => {
    expect(plan('done', 'reopen')).toEqual({
      status: 'open',
      statusNote: null,
      completionNote: null,
      cancelReason: null,
      completedAt: null,
      percentFloor: 0,
    });
  });

  it('takes progress only on open and in-progress tasks', () => {
    expect(
      ['open', 'in_progress', 'done', 'cancelled'].map((s) => isActiveTask(s as TaskStatus)),
    ).toEqual([true, true, false, false]);
  });
});
