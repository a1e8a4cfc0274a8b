import { Clock } from '@app/platform';
import { isOverdue, lateness, todayInVietnam } from './task-overdue';

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

describe('lateness', () => {
  const today = '2026-03-10';
  const at = (iso: string) => new Date(iso);

  it('counts a task completed after its due date, by the day in Viet Nam', () => {
    // 23:30 on 31 Oct in Viet Nam is still 31 Oct: on time.
    expect(
      lateness(
        { status: 'done', dueDate: '2023-10-31', completedAt: at('2023-10-31T16:30:00Z') },
        today,
      ),
    ).toEqual({ completedLate: false, daysLate: null });
    // 00:30 on 1 Nov in Viet Nam (17:30 UTC on 31 Oct): one day late.
    expect(
      lateness(
        { status: 'done', dueDate: '2023-10-31', completedAt: at('2023-10-31T17:30:00Z') },
        today,
      ),
    ).toEqual({ completedLate: true, daysLate: 1 });
  });

  it('counts the days an open task is past its due date, and nothing without a due date', () => {
    expect(lateness({ status: 'open', dueDate: '2026-03-01', completedAt: null }, today)).toEqual({
      completedLate: false,
      daysLate: 9,
    });
    expect(lateness({ status: 'open', dueDate: '2026-03-10', completedAt: null }, today)).toEqual({
      completedLate: false,
      daysLate: null,
    });
    expect(
      lateness({ status: 'cancelled', dueDate: '2026-03-01', completedAt: null }, today),
    ).toEqual({
      completedLate: false,
      daysLate: null,
    });
    expect(
      lateness({ status: 'done', dueDate: null, completedAt: at('2026-03-01T00:00:00Z') }, today),
    ).toEqual({
      completedLate: false,
      daysLate: null,
    });
  });
});
