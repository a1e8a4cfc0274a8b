import { IllegalTransitionError, RequestValidationError } from '../http/domain-errors';
import { allowedActions, planAction, StatusMachine, transition } from './status-machine';

type Light = 'red' | 'green' | 'broken';
type Action = 'go' | 'stop' | 'break';
interface Lamp {
  status: Light;
  why: string | null;
  brokenAt: Date | null;
}
const machine: StatusMachine<Light, Action, Lamp> = {
  go: { from: ['red'], to: 'green', accepts: ['note'] },
  stop: { from: ['green'], to: 'red' },
  break: {
    from: ['red', 'green'],
    to: 'broken',
    requires: { why: 'is required to break a light' },
    effect: (_lamp, input, now) => ({ why: input.why as string, brokenAt: now }),
  },
};
const lamp = (status: Light): Lamp => ({ status, why: null, brokenAt: null });
const now = new Date('2026-01-01T00:00:00Z');

describe('status machine', () => {
  it('derives the allowed actions of each status', () => {
    expect(allowedActions(machine, 'red')).toEqual(['go', 'break']);
    expect(allowedActions(machine, 'broken')).toEqual([]);
  });

  it('moves to the action’s status when allowed', () => {
    expect(transition(machine, 'light', 'red', 'go')).toBe('green');
  });

  it('refuses an illegal action, naming the allowed ones', () => {
    expect(() => transition(machine, 'light', 'green', 'go')).toThrow(
      new IllegalTransitionError('light', 'go', 'green', ['stop', 'break']),
    );
    expect(() => transition(machine, 'the light “hall”', 'broken', 'stop')).toThrow(
      'Cannot stop the light “hall”, which is broken; allowed actions: none',
    );
  });

  it('plans the status and the effects as data, without touching the record', () => {
    const red = lamp('red');
    expect(planAction(machine, 'light', red, 'break', { why: 'storm' }, now)).toEqual({
      status: 'broken',
      why: 'storm',
      brokenAt: now,
    });
    expect(planAction(machine, 'light', red, 'go', { note: 'morning' }, now)).toEqual({
      status: 'green',
    });
    expect(red).toEqual(lamp('red'));
  });

  it('refuses a missing required field and a field the action does not take (400, by name)', () => {
    const missing = () => planAction(machine, 'light', lamp('red'), 'break', {}, now);
    expect(missing).toThrow(RequestValidationError);
    expect(missing).toThrow('why: is required to break a light');
    expect(() =>
      planAction(machine, 'light', lamp('green'), 'stop', { why: 'because' }, now),
    ).toThrow('why: is not taken by stop');
  });

  it('checks the input before the status, so a bad request reads as one', () => {
    expect(() => planAction(machine, 'light', lamp('broken'), 'break', {}, now)).toThrow(
      RequestValidationError,
    );
    expect(() => planAction(machine, 'light', lamp('broken'), 'break', { why: 'x' }, now)).toThrow(
      IllegalTransitionError,
    );
  });
});
