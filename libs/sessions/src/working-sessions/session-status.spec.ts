import { IllegalTransitionError, planAction, RequestValidationError } from '@app/platform';
import { type SessionAction, SESSION_STATUS_MACHINE, sessionActionsFrom } from './session-status';
import type { SessionStatus, WorkingSessionEntity } from './working-session.entity';

const now = new Date('2026-01-10T07:00:00Z');

function plan(status: SessionStatus, action: SessionAction, input: Record<string, unknown> = {}) {
  const session = { status, statusNote: null, cancelReason: null } as WorkingSessionEntity;
  return planAction(SESSION_STATUS_MACHINE, 'working session', session, action, input, now);
}

function refusal(from: SessionStatus, action: SessionAction): unknown {
  try {
    plan(from, action, action === 'cancel' || action === 'reopen' ? { reason: 'r' } : {});
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
    ['closed', 'reopen', 'held'],
  ] as const)('%s —%s→ %s', (from, action, to) => {
    const input = action === 'cancel' || action === 'reopen' ? { reason: 'r' } : {};
    expect(plan(from, action, input).status).toBe(to);
  });

  it.each([
    ['planned', 'close', ['hold', 'cancel']],
    ['planned', 'reopen', ['hold', 'cancel']],
    ['held', 'hold', ['close']],
    ['held', 'cancel', ['close']],
    ['closed', 'hold', ['reopen']],
    ['closed', 'close', ['reopen']],
    ['closed', 'cancel', ['reopen']],
    ['cancelled', 'hold', []],
    ['cancelled', 'close', []],
    ['cancelled', 'cancel', []],
    ['cancelled', 'reopen', []],
  ] as const)('refuses %s —%s→, naming the allowed actions', (from, action, allowed) => {
    const error = refusal(from, action);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).allowedActions).toEqual(allowed);
    expect(sessionActionsFrom(from)).toEqual(allowed);
  });

  it('keeps the note and, for cancel, the reason it requires', () => {
    expect(plan('planned', 'hold', { note: 'Đã họp' })).toEqual({
      status: 'held',
      statusNote: 'Đã họp',
    });
    expect(plan('planned', 'cancel', { reason: 'Lãnh đạo bận' })).toEqual({
      status: 'cancelled',
      statusNote: null,
      cancelReason: 'Lãnh đạo bận',
    });
    expect(() => plan('planned', 'cancel')).toThrow('reason: is required to cancel a session');
    expect(() => plan('planned', 'hold', { reason: 'x' })).toThrow(RequestValidationError);
    expect(plan('closed', 'reopen', { reason: 'Sửa tên đại biểu' })).toEqual({
      status: 'held',
      statusNote: 'Sửa tên đại biểu',
    });
    expect(() => plan('closed', 'reopen')).toThrow(
      'reason: is required to reopen closed minutes: what must be corrected',
    );
  });
});
