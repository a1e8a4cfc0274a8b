import { In, type EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { SessionParticipantEntity } from '../participants/session-participant.entity';
import { SessionRecordDto } from './dto/session-record.dto';
import { SessionRecordEntity } from './session-record.entity';

export function toSessionRecordDto(
  r: SessionRecordEntity,
  speakers: ReadonlyMap<string, string>,
): SessionRecordDto {
  return Object.assign(recordFields(r), {
    sessionId: r.sessionId,
    type: r.type,
    text: r.text,
    participantId: r.participantId,
    participantName: r.participantId === null ? null : (speakers.get(r.participantId) ?? null),
    order: r.position,
  });
}

/** Who spoke each record (the participant's person or organisation), in one query for all. */
export async function loadSpeakers(
  manager: EntityManager,
  records: SessionRecordEntity[],
): Promise<Map<string, string>> {
  const ids = [...new Set(records.map((r) => r.participantId).filter((id) => id !== null))];
  if (ids.length === 0) return new Map();
  const participants = await manager.find(SessionParticipantEntity, {
    where: { id: In(ids) },
    relations: { person: true, organisation: true },
    withDeleted: true,
  });
  return new Map(participants.map((p) => [p.id, p.person?.fullName ?? p.organisation?.name ?? '']));
}

/** Records as shown, their speakers named: one query for the names. */
export async function toSessionRecordDtos(
  manager: EntityManager,
  records: SessionRecordEntity[],
): Promise<SessionRecordDto[]> {
  const speakers = await loadSpeakers(manager, records);
  return records.map((r) => toSessionRecordDto(r, speakers));
}

/** Every live record of a session in its order, speakers named: two queries. */
export async function loadRecords(
  manager: EntityManager,
  sessionId: string,
): Promise<SessionRecordDto[]> {
  const rows = await manager.find(SessionRecordEntity, {
    where: { sessionId },
    order: { position: 'ASC', id: 'ASC' },
  });
  return toSessionRecordDtos(manager, rows);
}
