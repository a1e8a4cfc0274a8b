import type { RecordKind } from '@app/platform';
import { OrganisationEntity, PersonEntity } from '@app/registry';
import { sessionDistrictScope, whereSessionLive } from '../access/session-scope';
import type { SessionParticipantDto } from './dto/session-participant.dto';
import { toSessionParticipantDto } from './session-participant.mapper';
import { SessionParticipantEntity } from './session-participant.entity';

/** A participant exists while its session does, and is reached through the session's host. */
export const SESSION_PARTICIPANT: RecordKind<SessionParticipantEntity, SessionParticipantDto> = {
  entityType: 'session_participant',
  label: 'Participant',
  entity: SessionParticipantEntity,
  async toDto(p, { manager }) {
    // One after the other: inside a transaction both would share one connection.
    const person = p.personId
      ? await manager.findOne(PersonEntity, { where: { id: p.personId }, withDeleted: true })
      : null;
    const organisation = p.organisationId
      ? await manager.findOne(OrganisationEntity, {
          where: { id: p.organisationId },
          withDeleted: true,
        })
      : null;
    return toSessionParticipantDto(p, person, organisation);
  },
  scopes: { district: sessionDistrictScope('r.session_id', 'sessionId') },
  visibleWhen: (qb) => whereSessionLive(qb, 'r.session_id'),
};
