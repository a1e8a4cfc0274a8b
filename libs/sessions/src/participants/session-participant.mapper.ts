import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { OrganisationEntity, PersonEntity } from '@app/registry';
import { SessionParticipantDto } from './dto/session-participant.dto';
import { SessionParticipantEntity } from './session-participant.entity';

/** The participant with the name of whoever took part (person or organisation, deleted or not). */
export function toSessionParticipantDto(
  p: SessionParticipantEntity,
  person: PersonEntity | null | undefined,
  organisation: OrganisationEntity | null | undefined,
): SessionParticipantDto {
  return Object.assign(recordFields(p), {
    sessionId: p.sessionId,
    personId: p.personId,
    organisationId: p.organisationId,
    role: p.role,
    note: p.note,
    name: person?.fullName ?? organisation?.name ?? '',
    position: person?.position ?? null,
  });
}

/**
 * Participants with their people and organisations joined, one query. The joins include deleted
 * people and organisations (a participant keeps the name it had), so soft-deleted participants
 * are excluded by hand.
 */
export function participantsQuery(manager: EntityManager, sessionId: string) {
  return manager
    .createQueryBuilder(SessionParticipantEntity, 'r')
    .withDeleted()
    .leftJoinAndSelect('r.person', 'person')
    .leftJoinAndSelect('r.organisation', 'organisation')
    .where('r.sessionId = :sessionId', { sessionId })
    .andWhere('r.deletedAt IS NULL');
}

/** A participant read by `participantsQuery`, its person or organisation joined. */
export function toJoinedParticipantDto(p: SessionParticipantEntity): SessionParticipantDto {
  return toSessionParticipantDto(p, p.person, p.organisation);
}

/** Every live participant of a session, in the order they were added: one query. */
export async function loadParticipants(
  manager: EntityManager,
  sessionId: string,
): Promise<SessionParticipantDto[]> {
  const rows = await participantsQuery(manager, sessionId)
    .orderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  return rows.map(toJoinedParticipantDto);
}
