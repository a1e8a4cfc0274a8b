import { allowedActions, type ActionInput, type StatusMachine } from '@app/platform';
import { assertStepDate } from '../validation/step-date';
import type { SupportNeedEntity, SupportNeedStatus } from './support-need.entity';

export const SUPPORT_NEED_ACTIONS = ['confirm', 'support', 'decline'] as const;
export type SupportNeedAction = (typeof SUPPORT_NEED_ACTIONS)[number];

/** The step before this one: the confirmation, or the report when there was none. */
function previousStep(need: Readonly<SupportNeedEntity>) {
  return need.confirmedOn !== null
    ? { date: need.confirmedOn, label: 'the confirmation date' }
    : { date: need.reportedOn, label: 'the reported date' };
}

function resolved(need: Readonly<SupportNeedEntity>, input: ActionInput, now: Date) {
  const date = input.date as string;
  assertStepDate(date, previousStep(need), now);
  return { resolvedOn: date, resolutionNote: input.note as string };
}

/**
 * reported → confirmed (the enterprise confirmed it with the Department or the district) →
 * supported (the support was given); a reported or confirmed need may be declined (the enterprise
 * no longer needs it, or it cannot be supported). Each step takes its date and a note.
 */
export const SUPPORT_NEED_STATUS_MACHINE: StatusMachine<
  SupportNeedStatus,
  SupportNeedAction,
  SupportNeedEntity
> = {
  confirm: {
    from: ['reported'],
    to: 'confirmed',
    requires: {
      date: 'is required: the day the enterprise confirmed the need (YYYY-MM-DD)',
      note: 'is required: what was confirmed, with whom',
    },
    effect: (need, input, now) => {
      const date = input.date as string;
      assertStepDate(date, previousStep(need), now);
      return { confirmedOn: date, confirmationNote: input.note as string };
    },
  },
  support: {
    from: ['confirmed'],
    to: 'supported',
    requires: {
      date: 'is required: the day the support was given (YYYY-MM-DD)',
      note: 'is required: what support was given',
    },
    effect: resolved,
  },
  decline: {
    from: ['reported', 'confirmed'],
    to: 'declined',
    requires: {
      date: 'is required: the day it was declined (YYYY-MM-DD)',
      note: 'is required: why it will not be supported',
    },
    effect: resolved,
  },
};

export function supportNeedActionsFrom(status: SupportNeedStatus): SupportNeedAction[] {
  return allowedActions(SUPPORT_NEED_STATUS_MACHINE, status);
}
