import type { RecordKind } from '@app/platform';
import { sessionDistrictScope } from '../access/session-scope';
import { WORKING_SESSION } from '../working-sessions/working-session.kind';
import type { SessionRecordDto } from './dto/session-record.dto';
import { toSessionRecordDtos } from './session-record.mapper';
import { SessionRecordEntity } from './session-record.entity';

/** An opinion or conclusion belongs to its session: it exists while the session does. */
export const SESSION_RECORD: RecordKind<SessionRecordEntity, SessionRecordDto> = {
  entityType: 'session_record',
  label: 'Session record',
  entity: SessionRecordEntity,
  async toDto(record, { manager }) {
    return (await toSessionRecordDtos(manager, [record]))[0];
  },
  scopes: { district: sessionDistrictScope('r.session_id', 'sessionId') },
  parent: { kind: WORKING_SESSION, property: 'sessionId' },
  describe: (r) => (r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text),
};
