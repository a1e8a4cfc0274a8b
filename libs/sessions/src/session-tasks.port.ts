import type { EntityManager } from 'typeorm';
import type { ReadContext } from '@app/platform';
import type { SessionTaskDto } from './working-sessions/dto/working-session.dto';

/**
 * What sessions need to know about the tasks that follow them up. The tasks module, which depends
 * on this one, provides it (globally), so sessions can show their tasks without importing tasks.
 */
export abstract class SessionTasks {
  /** The session's live tasks, oldest first, in one query. */
  abstract ofSession(context: ReadContext, sessionId: string): Promise<SessionTaskDto[]>;

  /** How many live tasks come from a record (a conclusion in use cannot be deleted or retyped). */
  abstract countFromRecord(manager: EntityManager, recordId: string): Promise<number>;
}
