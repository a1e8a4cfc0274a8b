import { Clock } from '@app/platform';
import { isOverdue, todayInVietnam } from './task-overdue';

class FixedClock extends Clock {
  constructor(private readonly iso: string) {
    super();
  }
  now(): Date {
    return new Date(this.iso);
  }
}

describe('today in Viet Nam', () => {
  it('is still 10 March at 23:30 there (16:30 UTC)', () => {
    expect(todayInVietnam(new FixedClock('2026-03-10T16:30:00Z'))).toBe('2026-03-10');
  });

  it('is 11 March one minute after midnight there, while UTC is still on 10 March', () => {
    expect(todayInVietnam(new FixedClock('2026-03-10T17:01:00Z'))).toBe('2026-03-11');
  });

  it('crosses the year at midnight in Viet Nam', () => {
    expect(todayInVietnam(new FixedClock('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(todayInVietnam(new FixedClock('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
});

describe('overdue', () => {
  const today = '2026-03-10';

  it('is a task not done nor cancelled whose due date is before today', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-03-09' }, today)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueDate: '2025-12-31' }, today)).toBe(true);
  });

  it('is never a task due today or later, or without a due date', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-03-10' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '2026-03-11' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, today)).toBe(false);
  });

  it('is never a done or cancelled task', () => {
    expect(isOverdue({ status: 'done', dueDate: '2026-03-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueDate: '2026-03-01' }, today)).toBe(false);
  });
});
