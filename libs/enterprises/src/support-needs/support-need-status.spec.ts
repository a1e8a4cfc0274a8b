import { IllegalTransitionError, planAction } from '@app/platform';
import {
  type SupportNeedAction,
  SUPPORT_NEED_STATUS_MACHINE,
  supportNeedActionsFrom,
} from './support-need-status';
import type { SupportNeedEntity, SupportNeedStatus } from './support-need.entity';

/** 23:30 on 10 March 2026 in Viet Nam, still 10 March there (16:30 UTC). */
const now = new Date('2026-03-10T16:30:00Z');

function need(status: SupportNeedStatus, confirmedOn: string | null = null): SupportNeedEntity {
  return {
    status,
    reportedOn: '2023-08-08',
    confirmedOn,
    confirmationNote: confirmedOn && 'Đã xác nhận',
    resolvedOn: null,
    resolutionNote: null,
  } as SupportNeedEntity;
}

function plan(record: SupportNeedEntity, action: SupportNeedAction, date = '2023-09-01') {
  return planAction(
    SUPPORT_NEED_STATUS_MACHINE,
    'support need',
    record,
    action,
    { date, note: 'Ghi chú' },
    now,
  );
}

describe('support need status machine', () => {
  it('reported —confirm→ confirmed —support→ supported, each step dated with its note', () => {
    expect(plan(need('reported'), 'confirm')).toEqual({
      status: 'confirmed',
      confirmedOn: '2023-09-01',
      confirmationNote: 'Ghi chú',
    });
    expect(plan(need('confirmed', '2023-09-01'), 'support', '2023-11-20')).toEqual({
      status: 'supported',
      resolvedOn: '2023-11-20',
      resolutionNote: 'Ghi chú',
    });
  });

  it('declines a reported or a confirmed need', () => {
    expect(plan(need('reported'), 'decline').status).toBe('declined');
    expect(plan(need('confirmed', '2023-09-01'), 'decline', '2023-09-01')).toEqual({
      status: 'declined',
      resolvedOn: '2023-09-01',
      resolutionNote: 'Ghi chú',
    });
  });

  it.each([
    ['reported', 'support', ['confirm', 'decline']],
    ['confirmed', 'confirm', ['support', 'decline']],
    ['supported', 'decline', []],
    ['declined', 'confirm', []],
  ] as const)('refuses %s —%s→, naming the allowed actions', (status, action, allowed) => {
    expect(() => plan(need(status, '2023-09-01'), action)).toThrow(
      new IllegalTransitionError('support need', action, status, allowed),
    );
    expect(supportNeedActionsFrom(status)).toEqual(allowed);
  });

  it('requires a date and a note', () => {
    expect(() =>
      planAction(SUPPORT_NEED_STATUS_MACHINE, 'support need', need('reported'), 'confirm', {}, now),
    ).toThrow('2 fields are invalid: date, note');
  });

  it('refuses a step before the one it follows, or after today in Viet Nam', () => {
    expect(() => plan(need('reported'), 'confirm', '2023-08-07')).toThrow(
      'date: must not be before the reported date (2023-08-08); got 2023-08-07',
    );
    expect(() => plan(need('confirmed', '2023-09-01'), 'support', '2023-08-31')).toThrow(
      'date: must not be before the confirmation date (2023-09-01); got 2023-08-31',
    );
    expect(() => plan(need('reported'), 'decline', '2026-03-11')).toThrow(
      'date: must not be after today in Viet Nam (2026-03-10); got 2026-03-11',
    );
    expect(plan(need('reported'), 'decline', '2026-03-10').resolvedOn).toBe('2026-03-10');
  });
});
