import { allowedActions, type ActionInput, type StatusMachine } from '@app/platform';
import { assertStepDate } from '../validation/step-date';
import type { StCertificateEntity, StCertificateStatus } from './st-certificate.entity';

export const ST_CERTIFICATE_ACTIONS = ['revoke', 'expire'] as const;
export type StCertificateAction = (typeof ST_CERTIFICATE_ACTIONS)[number];

/** The day the certificate stopped being valid, and why: checked against its issue date and today. */
function ended(certificate: Readonly<StCertificateEntity>, input: ActionInput, now: Date) {
  const date = input.date as string;
  assertStepDate(date, { date: certificate.issuedOn, label: 'the issue date' }, now);
  return { endedOn: date, endReason: input.reason as string };
}

/**
 * valid → revoked (thu hồi: a decision of the issuer, dated, with its reason) or valid → expired
 * (hết hiệu lực: the enterprise no longer qualifies, or the term ran out). Both are final: a
 * certified enterprise again holds a new certificate.
 */
export const ST_CERTIFICATE_STATUS_MACHINE: StatusMachine<
  StCertificateStatus,
  StCertificateAction,
  StCertificateEntity
> = {
  revoke: {
    from: ['valid'],
    to: 'revoked',
    requires: {
      date: 'is required: the day the certificate was revoked (YYYY-MM-DD)',
      reason: 'is required: why it was revoked (the decision and its grounds)',
    },
    effect: ended,
  },
  expire: {
    from: ['valid'],
    to: 'expired',
    requires: {
      date: 'is required: the day the certificate stopped being valid (YYYY-MM-DD)',
      reason: 'is required: why it is no longer valid',
    },
    effect: ended,
  },
};

export function stCertificateActionsFrom(status: StCertificateStatus): StCertificateAction[] {
  return allowedActions(ST_CERTIFICATE_STATUS_MACHINE, status);
}
