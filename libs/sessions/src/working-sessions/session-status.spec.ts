import { IllegalTransitionError } from '@app/platform';
import { type SessionAction, nextSessionStatus, sessionActionsFrom } from './session-status';
import type { SessionStatus } from './working-session.entity';

function refusal(from: SessionStatus, action: SessionAction): unknown {
  try {
    nextSessionStatus(from, action);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('working session status machine', () => {
  it.each([
    ['planned', 'hold', 'held'],
    ['held', 'close', 'closed'],
    ['planned', 'cancel', 'cancelled'],
  ] as const)('%s —%s→ %s', (from, action, to) => {
    expect(nextSessionStatus(from, action)).toBe(to);
  });

  it.each([
    ['planned', 'close', ['hold', 'cancel']],
    ['held', 'hold', ['close']],
    ['held', 'cancel', ['close']],
    ['closed', 'hold', []],
    ['closed', 'close', []],
    ['closed', 'cancel', []],
    ['cancelled', 'hold', []],
    ['cancelled', 'close', []],
    ['cancelled', 'cancel', []],
  ] as const)('refuses %s —%s→, naming the allowed actions', (from, action, allowed) => {
    const error = refusal(from, action);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).allowedActions).toEqual(allowed);
    expect(sessionActionsFrom(from)).toEqual(allowed);
  });
});
