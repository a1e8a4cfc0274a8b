import { recordFields, vietnamInstant } from '@app/platform';
import type { WorkingSessionDto } from './dto/working-session.dto';
import { sessionActionsFrom } from './session-status';
import type { WorkingSessionEntity } from './working-session.entity';

export function toWorkingSessionDto(s: WorkingSessionEntity): WorkingSessionDto {
  return {
    ...recordFields(s),
    kind: s.kind,
    title: s.title,
    startsAt: vietnamInstant(s.startsAt),
    venue: s.venue,
    hostAdminUnitId: s.hostAdminUnitId,
    reportingYear: s.reportingYear,
    periodLabel: s.periodLabel,
    topics: s.topics,
    summary: s.summary,
    status: s.status,
    statusNote: s.statusNote,
    cancelReason: s.cancelReason,
    allowedActions: sessionActionsFrom(s.status),
  };
}
