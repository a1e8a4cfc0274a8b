import { IllegalTransitionError, planAction } from '@app/platform';
import type { ParticipantStatus, ProjectParticipantEntity } from './participant.entity';
import {
  type ParticipantAction,
  participantActionsFrom,
  PARTICIPANT_STATUS_MACHINE,
} from './participant-status';

const now = new Date('2023-08-20T02:00:00Z');
const WARD_COMMITTEE = '4f7c2d1e-0000-4000-8000-000000000001';

function plan(status: ParticipantStatus, action: ParticipantAction, input: object) {
  const participant = { status } as ProjectParticipantEntity;
  return planAction(
    PARTICIPANT_STATUS_MACHINE,
    'participant',
    participant,
    action,
    { ...input },
    now,
  );
}

describe('participant status machine', () => {
  it('selects a proposed participant: by whom, and on the day sent or today in Viet Nam', () => {
    expect(plan('proposed', 'select', { selectedByOrganisationId: WARD_COMMITTEE })).toEqual({
      status: 'selected',
      statusNote: null,
      selectedByOrganisationId: WARD_COMMITTEE,
      selectedOn: '2023-08-20',
    });
    expect(
      plan('proposed', 'select', {
        selectedByOrganisationId: WARD_COMMITTEE,
        selectedOn: '2023-08-15',
      }),
    ).toMatchObject({ selectedOn: '2023-08-15' });
  });

  it('needs who selected them', () => {
    expect(() => plan('proposed', 'select', {})).toThrow(
      'selectedByOrganisationId: is required to select a participant: who chose them',
    );
  });

  it('withdraws proposed and selected participants, with a reason when given', () => {
    expect(plan('selected', 'withdraw', { reason: 'Chuyển cây trồng' })).toEqual({
      status: 'withdrawn',
      statusNote: null,
      withdrawReason: 'Chuyển cây trồng',
    });
    expect(plan('proposed', 'withdraw', {}).status).toBe('withdrawn');
  });

  it.each([
    ['selected', 'select', ['withdraw']],
    ['withdrawn', 'select', []],
    ['withdrawn', 'withdraw', []],
  ] as const)('refuses %s —%s→', (from, action, allowed) => {
    const input = action === 'select' ? { selectedByOrganisationId: WARD_COMMITTEE } : {};
    expect(() => plan(from, action, input)).toThrow(
      new IllegalTransitionError('participant', action, from, [...allowed]),
    );
    expect(participantActionsFrom(from)).toEqual(allowed);
  });
});
