import { IllegalTransitionError, planAction, RequestValidationError } from '@app/platform';
import {
  type StCertificateAction,
  ST_CERTIFICATE_STATUS_MACHINE,
  stCertificateActionsFrom,
} from './st-certificate-status';
import type { StCertificateEntity, StCertificateStatus } from './st-certificate.entity';

/** 08:00 on 10 March 2026 in Viet Nam. */
const now = new Date('2026-03-10T01:00:00Z');

function certificate(status: StCertificateStatus): StCertificateEntity {
  return { status, issuedOn: '2023-05-15', endedOn: null, endReason: null } as StCertificateEntity;
}

function plan(status: StCertificateStatus, action: StCertificateAction, input: object) {
  return planAction(
    ST_CERTIFICATE_STATUS_MACHINE,
    'S&T enterprise certificate',
    certificate(status),
    action,
    input as Record<string, unknown>,
    now,
  );
}

describe('S&T certificate status machine', () => {
  it.each([
    ['revoke', 'revoked'],
    ['expire', 'expired'],
  ] as const)('valid —%s→ %s, with the day it ended and why', (action, to) => {
    expect(
      plan('valid', action, { date: '2025-01-02', reason: 'Quyết định số 12/QĐ-SKHCN' }),
    ).toEqual({ status: to, endedOn: '2025-01-02', endReason: 'Quyết định số 12/QĐ-SKHCN' });
  });

  it.each(['revoked', 'expired'] as const)('refuses every action on a %s certificate', (status) => {
    for (const action of ['revoke', 'expire'] as const) {
      expect(() => plan(status, action, { date: '2025-01-02', reason: 'x' })).toThrow(
        new IllegalTransitionError('S&T enterprise certificate', action, status, []),
      );
    }
    expect(stCertificateActionsFrom(status)).toEqual([]);
    expect(stCertificateActionsFrom('valid')).toEqual(['revoke', 'expire']);
  });

  it('requires a date and a reason, and takes nothing else', () => {
    expect(() => plan('valid', 'revoke', {})).toThrow(RequestValidationError);
    let error: unknown;
    try {
      plan('valid', 'revoke', { note: 'x' });
    } catch (thrown) {
      error = thrown;
    }
    expect((error as RequestValidationError).errors.map((e) => e.field)).toEqual([
      'date',
      'reason',
      'note',
    ]);
  });

  it('refuses an end before the issue date, or after today in Viet Nam', () => {
    expect(() => plan('valid', 'revoke', { date: '2023-05-14', reason: 'x' })).toThrow(
      'date: must not be before the issue date (2023-05-15); got 2023-05-14',
    );
    expect(() => plan('valid', 'expire', { date: '2026-03-11', reason: 'x' })).toThrow(
      'date: must not be after today in Viet Nam (2026-03-10); got 2026-03-11',
    );
    // Its issue day and today are both fine.
    expect(plan('valid', 'revoke', { date: '2023-05-15', reason: 'x' }).endedOn).toBe('2023-05-15');
    expect(plan('valid', 'expire', { date: '2026-03-10', reason: 'x' }).endedOn).toBe('2026-03-10');
  });
});
