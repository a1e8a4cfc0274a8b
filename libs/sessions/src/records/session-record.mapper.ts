import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { SessionRecordDto } from './dto/session-record.dto';
import { SessionRecordEntity } from './session-record.entity';

export function toSessionRecordDto(r: SessionRecordEntity): SessionRecordDto {
  return {
    ...recordFields(r),
    sessionId: r.sessionId,
    type: r.type,
    text: r.text,
    participantId: r.participantId,
    order: r.position,
  };
}

/** Every live record of a session in its order: one query. */
export async function loadRecords(
  manager: EntityManager,
  sessionId: string,
): Promise<SessionRecordDto[]> {
  const rows = await manager.find(SessionRecordEntity, {
    where: { sessionId },
    order: { position: 'ASC', id: 'ASC' },
  });
  return rows.map(toSessionRecordDto);
}
