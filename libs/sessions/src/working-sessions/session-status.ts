import { type ActionInput, allowedActions, type StatusMachine } from '@app/platform';
import type { SessionStatus, WorkingSessionEntity } from './working-session.entity';

export const SESSION_ACTIONS = ['hold', 'close', 'cancel', 'reopen'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/** The note given with an action is kept as the session's latest status note. */
const note = (_: unknown, input: ActionInput) => ({
  statusNote: (input.note as string | undefined) ?? null,
});

/**
 * planned → held → closed; a planned session may be cancelled, with a reason. A held session
 * happened, so it can no longer be cancelled; cancelled is final. Closed minutes are read-only
 * until someone reopens them, with the reason (what must be corrected): the session is held again,
 * the correction is made and audited, and it is closed again.
 */
export const SESSION_STATUS_MACHINE: StatusMachine<
  SessionStatus,
  SessionAction,
  WorkingSessionEntity
> = {
  hold: { from: ['planned'], to: 'held', accepts: ['note'], effect: note },
  close: { from: ['held'], to: 'closed', accepts: ['note'], effect: note },
  cancel: {
    from: ['planned'],
    to: 'cancelled',
    requires: { reason: 'is required to cancel a session' },
    accepts: ['note'],
    effect: (session, input) => ({
      ...note(session, input),
      cancelReason: input.reason as string,
    }),
  },
  reopen: {
    from: ['closed'],
    to: 'held',
    requires: { reason: 'is required to reopen closed minutes: what must be corrected' },
    effect: (_session, input) => ({ statusNote: input.reason as string }),
  },
};

export function sessionActionsFrom(status: SessionStatus): SessionAction[] {
  return allowedActions(SESSION_STATUS_MACHINE, status);
}
