import { type ActionInput, allowedActions, calendarDate, type StatusMachine } from '@app/platform';
import type { ProjectEntity, ProjectStatus } from './project.entity';

export const PROJECT_ACTIONS = ['approve', 'start', 'complete', 'cancel'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/** The note given with an action is kept as the project's latest status note. */
const statusNote = (input: ActionInput) => (input.note as string | undefined) ?? null;

/** A date the action was sent, or undefined. */
const date = (input: ActionInput, field: string) => input[field] as string | undefined;

/**
 * proposed → approved → in_progress → completed; anything not finished may be cancelled, with a
 * reason. `approve` records the approving decision (number and date) when given; `start` sets the
 * actual start (the day given, or today in Viet Nam); `complete` needs an actual end: the day
 * given, else the one already recorded, else today. Completed and cancelled are final.
 */
export const PROJECT_STATUS_MACHINE: StatusMachine<ProjectStatus, ProjectAction, ProjectEntity> = {
  approve: {
    from: ['proposed'],
    to: 'approved',
    accepts: ['note', 'decisionNumber', 'decisionDate'],
    effect: (project, input) => ({
      statusNote: statusNote(input),
      decisionNumber: (input.decisionNumber as string | undefined) ?? project.decisionNumber,
      decisionDate: date(input, 'decisionDate') ?? project.decisionDate,
    }),
  },
  start: {
    from: ['approved'],
    to: 'in_progress',
    accepts: ['note', 'actualStart'],
    effect: (_project, input, now) => ({
      statusNote: statusNote(input),
      actualStart: date(input, 'actualStart') ?? calendarDate(now),
    }),
  },
  complete: {
    from: ['in_progress'],
    to: 'completed',
    accepts: ['note', 'actualEnd'],
    effect: (project, input, now) => ({
      statusNote: statusNote(input),
      actualEnd: date(input, 'actualEnd') ?? project.actualEnd ?? calendarDate(now),
    }),
  },
  cancel: {
    from: ['proposed', 'approved', 'in_progress'],
    to: 'cancelled',
    requires: { reason: 'is required to cancel a project' },
    accepts: ['note'],
    effect: (_project, input) => ({
      statusNote: statusNote(input),
      cancelReason: input.reason as string,
    }),
  },
};

export function projectActionsFrom(status: ProjectStatus): ProjectAction[] {
  return allowedActions(PROJECT_STATUS_MACHINE, status);
}
