import { IllegalTransitionError } from '../http/domain-errors';
import { allowedActions, StatusMachine, transition } from './status-machine';

type Light = 'red' | 'green' | 'broken';
type Action = 'go' | 'stop' | 'break';
const machine: StatusMachine<Light, Action> = {
  go: { from: ['red'], to: 'green' },
  stop: { from: ['green'], to: 'red' },
  break: { from: ['red', 'green'], to: 'broken' },
};

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
    expect(() => transition(machine, 'light', 'broken', 'stop')).toThrow(
      'Cannot stop a light that is broken; allowed actions: none',
    );
  });
});
