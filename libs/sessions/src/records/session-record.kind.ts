import type { RecordKind } from '@app/platform';
import { sessionDistrictScope, whereSessionLive } from '../access/session-scope';
import type { SessionRecordDto } from './dto/session-record.dto';
import { toSessionRecordDto } from './session-record.mapper';
import { SessionRecordEntity } from './session-record.entity';

/** An opinion or conclusion exists while its session does, and is reached through its host. */
export const SESSION_RECORD: RecordKind<SessionRecordEntity, SessionRecordDto> = {
  entityType: 'session_record',
  label: 'Session record',
  entity: SessionRecordEntity,
  toDto: toSessionRecordDto,
  scopes: { district: sessionDistrictScope('r.session_id', 'sessionId') },
  visibleWhen: (qb) => whereSessionLive(qb, 'r.session_id'),
  describe: (r) => (r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text),
};
