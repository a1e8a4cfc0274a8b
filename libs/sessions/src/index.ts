export * from './sessions.module';
export * from './session-tasks.port';
export * from './access/session-scope';
export * from './working-sessions/working-session.entity';
export * from './working-sessions/session-status';
export * from './working-sessions/working-session.kind';
export * from './working-sessions/working-session.mapper';
export * from './working-sessions/working-sessions.service';
export * from './working-sessions/dto/working-session.dto';
export * from './participants/session-participant.entity';
export * from './participants/session-participant.mapper';
export * from './participants/session-participant.kind';
export * from './participants/session-participants.service';
export * from './participants/dto/session-participant.dto';
export * from './records/session-record.entity';
export * from './records/session-record.mapper';
export * from './records/session-record.kind';
export * from './records/session-records.service';
export * from './records/dto/session-record.dto';

import { SessionParticipantEntity } from './participants/session-participant.entity';
import { SessionRecordEntity } from './records/session-record.entity';
import { WorkingSessionEntity } from './working-sessions/working-session.entity';

export const SESSIONS_ENTITIES = [
  WorkingSessionEntity,
  SessionParticipantEntity,
  SessionRecordEntity,
];
