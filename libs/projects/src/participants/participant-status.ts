import { type ActionInput, allowedActions, calendarDate, type StatusMachine } from '@app/platform';
import type { ParticipantStatus, ProjectParticipantEntity } from './participant.entity';

export const PARTICIPANT_ACTIONS = ['select', 'withdraw'] as const;
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];

const statusNote = (input: ActionInput) => (input.note as string | undefined) ?? null;

/**
 * proposed → selected | withdrawn; a selected participant may still withdraw. `select` records
 * who selected them (an organisation, e.g. the ward's People's Committee) and the day (today in
 * Viet Nam when not sent). Withdrawn is final; selected by and on stay as a record of it.
 */
export const PARTICIPANT_STATUS_MACHINE: StatusMachine<
  ParticipantStatus,
  ParticipantAction,
  ProjectParticipantEntity
> = {
  select: {
    from: ['proposed'],
    to: 'selected',
    requires: { selectedByOrganisationId: 'is required to select a participant: who chose them' },
    accepts: ['selectedOn', 'note'],
    effect: (_participant, input, now) => ({
      statusNote: statusNote(input),
      selectedByOrganisationId: input.selectedByOrganisationId as string,
      selectedOn: (input.selectedOn as string | undefined) ?? calendarDate(now),
    }),
  },
  withdraw: {
    from: ['proposed', 'selected'],
    to: 'withdrawn',
    accepts: ['reason', 'note'],
    effect: (_participant, input) => ({
      statusNote: statusNote(input),
      withdrawReason: (input.reason as string | undefined) ?? null,
    }),
  },
};

export function participantActionsFrom(status: ParticipantStatus): ParticipantAction[] {
  return allowedActions(PARTICIPANT_STATUS_MACHINE, status);
}
