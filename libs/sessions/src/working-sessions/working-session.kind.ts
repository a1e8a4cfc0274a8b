import { ConflictError, type RecordKind } from '@app/platform';
import { districtScope } from '@app/registry';
import type { WorkingSessionDto } from './dto/working-session.dto';
import { toWorkingSessionDtos } from './working-session.mapper';
import { WorkingSessionEntity } from './working-session.entity';

/**
 * A district officer reaches the sessions hosted in their district or its communes. A closed
 * session is the final minutes: it, its participants and its records are read-only.
 */
export const WORKING_SESSION: RecordKind<WorkingSessionEntity, WorkingSessionDto> = {
  entityType: 'working_session',
  label: 'Working session',
  entity: WorkingSessionEntity,
  async toDto(session, { manager }) {
    return (await toWorkingSessionDtos(manager, [session]))[0];
  },
  scopes: { district: districtScope('r.hostAdminUnitId', 'hostAdminUnitId') },
  describe: (s) => s.title,
  assertWritable(session) {
    if (session.status === 'closed') {
      throw new ConflictError(
        `The working session “${session.title}” is closed: it, its participants and its records are read-only`,
      );
    }
  },
};
