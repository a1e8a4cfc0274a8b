import { In, type EntityManager } from 'typeorm';
import { recordFields, vietnamInstant } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import type { SessionRefDto, WorkingSessionDto } from './dto/working-session.dto';
import { sessionActionsFrom } from './session-status';
import { WorkingSessionEntity } from './working-session.entity';

export function toWorkingSessionDto(
  s: WorkingSessionEntity,
  refs: RegistryRefs,
): WorkingSessionDto {
  return Object.assign(recordFields(s), {
    kind: s.kind,
    title: s.title,
    startsAt: vietnamInstant(s.startsAt),
    venue: s.venue,
    hostAdminUnitId: s.hostAdminUnitId,
    hostAdminUnit: refs.unit(s.hostAdminUnitId),
    reportingYear: s.reportingYear,
    periodLabel: s.periodLabel,
    topics: s.topics,
    summary: s.summary,
    status: s.status,
    statusNote: s.statusNote,
    cancelReason: s.cancelReason,
    allowedActions: sessionActionsFrom(s.status),
  });
}

/** Sessions as other records show them beside their ids, in one query (deleted ones too). */
export async function loadSessionRefs(
  manager: EntityManager,
  ids: Iterable<string | null>,
): Promise<Map<string, SessionRefDto>> {
  const wanted = [...new Set(ids)].filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const sessions = await manager.find(WorkingSessionEntity, {
    where: { id: In(wanted) },
    select: { id: true, title: true, startsAt: true, hostAdminUnitId: true },
    withDeleted: true,
  });
  return new Map(
    sessions.map((s) => [
      s.id,
      {
        id: s.id,
        title: s.title,
        startsAt: vietnamInstant(s.startsAt),
        hostAdminUnitId: s.hostAdminUnitId,
      },
    ]),
  );
}

/** Sessions as shown, their host units named (with the province) in one query. */
export async function toWorkingSessionDtos(
  manager: EntityManager,
  sessions: WorkingSessionEntity[],
): Promise<WorkingSessionDto[]> {
  const refs = await RegistryRefs.load(manager, { units: sessions.map((s) => s.hostAdminUnitId) });
  return sessions.map((s) => toWorkingSessionDto(s, refs));
}
