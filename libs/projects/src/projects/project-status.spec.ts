import { IllegalTransitionError, planAction, RequestValidationError } from '@app/platform';
import type { ProjectEntity, ProjectStatus } from './project.entity';
import { PROJECT_STATUS_MACHINE, type ProjectAction, projectActionsFrom } from './project-status';

// 23:30 on 2024-08-30 in Viet Nam is still the 30th there (16:30 UTC).
const now = new Date('2024-08-30T16:30:00Z');

function project(status: ProjectStatus, overrides: Partial<ProjectEntity> = {}): ProjectEntity {
  return {
    status,
    actualStart: null,
    actualEnd: null,
    decisionNumber: null,
    decisionDate: null,
    statusNote: null,
    cancelReason: null,
    ...overrides,
  } as ProjectEntity;
}

const INPUT: Record<ProjectAction, Record<string, unknown>> = {
  approve: {},
  start: {},
  complete: {},
  cancel: { reason: 'Không bố trí được kinh phí' },
};

function plan(from: ProjectStatus | ProjectEntity, action: ProjectAction, input = INPUT[action]) {
  const record = typeof from === 'string' ? project(from) : from;
  return planAction(PROJECT_STATUS_MACHINE, 'project', record, action, input, now);
}

describe('project status machine', () => {
  it.each([
    ['proposed', 'approve', 'approved'],
    ['approved', 'start', 'in_progress'],
    ['in_progress', 'complete', 'completed'],
    ['proposed', 'cancel', 'cancelled'],
    ['approved', 'cancel', 'cancelled'],
    ['in_progress', 'cancel', 'cancelled'],
  ] as const)('%s —%s→ %s', (from, action, to) => {
    expect(plan(from, action).status).toBe(to);
  });

  it.each([
    ['proposed', 'start', ['approve', 'cancel']],
    ['proposed', 'complete', ['approve', 'cancel']],
    ['approved', 'approve', ['start', 'cancel']],
    ['approved', 'complete', ['start', 'cancel']],
    ['in_progress', 'start', ['complete', 'cancel']],
    ['completed', 'cancel', []],
    ['completed', 'complete', []],
    ['cancelled', 'approve', []],
  ] as const)('refuses %s —%s→, naming the allowed actions', (from, action, allowed) => {
    expect(() => plan(from, action)).toThrow(
      new IllegalTransitionError('project', action, from, [...allowed]),
    );
    expect(projectActionsFrom(from)).toEqual(allowed);
  });

  it('approves with the decision’s number and date, keeping those recorded when none is sent', () => {
    expect(
      plan('proposed', 'approve', { decisionNumber: 'Số mẫu', decisionDate: '2023-07-01' }),
    ).toEqual({
      status: 'approved',
      statusNote: null,
      decisionNumber: 'Số mẫu',
      decisionDate: '2023-07-01',
    });
    const recorded = project('proposed', { decisionNumber: 'Đã ghi', decisionDate: '2023-06-01' });
    expect(plan(recorded, 'approve', { note: 'x' })).toMatchObject({
      decisionNumber: 'Đã ghi',
      decisionDate: '2023-06-01',
      statusNote: 'x',
    });
  });

  it('starts on the day sent, else today in Viet Nam', () => {
    expect(plan('approved', 'start', { actualStart: '2023-09-05' })).toMatchObject({
      actualStart: '2023-09-05',
    });
    expect(plan('approved', 'start')).toMatchObject({ actualStart: '2024-08-30' });
  });

  it('completes on the day sent, else the actual end recorded, else today in Viet Nam', () => {
    const started = project('in_progress', { actualStart: '2023-09-05' });
    expect(plan(started, 'complete', { actualEnd: '2024-06-30' })).toMatchObject({
      status: 'completed',
      actualEnd: '2024-06-30',
    });
    const recorded = project('in_progress', { actualStart: '2023-09-05', actualEnd: '2024-05-31' });
    expect(plan(recorded, 'complete')).toMatchObject({ actualEnd: '2024-05-31' });
    expect(plan(started, 'complete')).toMatchObject({ actualEnd: '2024-08-30' });
  });

  it('needs a reason to cancel and refuses fields an action does not take', () => {
    expect(() => plan('approved', 'cancel', {})).toThrow('reason: is required to cancel a project');
    expect(plan('approved', 'cancel')).toMatchObject({
      cancelReason: 'Không bố trí được kinh phí',
    });
    expect(() => plan('approved', 'start', { actualEnd: '2024-01-01' })).toThrow(
      RequestValidationError,
    );
    expect(() => plan('proposed', 'approve', { reason: 'x' })).toThrow(
      'reason: is not taken by approve',
    );
  });
});
