import { allowedActions, type StatusMachine, transition } from '@app/platform';
import type { SessionStatus } from './working-session.entity';

export const SESSION_ACTIONS = ['hold', 'close', 'cancel'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

/**
 * planned → held → closed; a planned session may be cancelled. A held session happened, so it can
 * no longer be cancelled; closed and cancelled are final.
 */
export const SESSION_STATUS_MACHINE: StatusMachine<SessionStatus, SessionAction> = {
  hold: { from: ['planned'], to: 'held' },
  close: { from: ['held'], to: 'closed' },
  cancel: { from: ['planned'], to: 'cancelled' },
};

export function nextSessionStatus(status: SessionStatus, action: SessionAction): SessionStatus {
  return transition(SESSION_STATUS_MACHINE, 'working session', status, action);
}

export function sessionActionsFrom(status: SessionStatus): SessionAction[] {
  return allowedActions(SESSION_STATUS_MACHINE, status);
}
