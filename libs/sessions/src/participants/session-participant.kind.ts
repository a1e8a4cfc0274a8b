import type { RecordKind } from '@app/platform';
import { OrganisationEntity, PersonEntity } from '@app/registry';
import { sessionDistrictScope } from '../access/session-scope';
import { WORKING_SESSION } from '../working-sessions/working-session.kind';
import type { SessionParticipantDto } from './dto/session-participant.dto';
import { toSessionParticipantDto } from './session-participant.mapper';
import { SessionParticipantEntity } from './session-participant.entity';

/** A participant belongs to its session: it exists while the session does, in its host's scope. */
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
  parent: { kind: WORKING_SESSION, property: 'sessionId' },
};
