import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import {
  type Actor,
  ConflictError,
  type Target,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import { SessionParticipantEntity } from '../participants/session-participant.entity';
import { SessionTasks } from '../session-tasks.port';
import { WORKING_SESSION } from '../working-sessions/working-session.kind';
import { WorkingSessionsService } from '../working-sessions/working-sessions.service';
import {
  CreateSessionRecordDto,
  ReorderSessionRecordsDto,
  SESSION_RECORD_SORT,
  SessionRecordDto,
  SessionRecordListDto,
  SessionRecordQueryDto,
  UpdateSessionRecordDto,
} from './dto/session-record.dto';
import { SESSION_RECORD } from './session-record.kind';
import { loadRecords, toSessionRecordDtos } from './session-record.mapper';
import { SessionRecordEntity } from './session-record.entity';

/**
 * Opinions and conclusions in the order of the minutes. Positions are kept 1..n among the live
 * records: inserting at a place moves the later ones down, deleting closes the gap, and `reorder`
 * sets the whole order at once; every record that moves gets a new version and a `reorder` audit
 * event. Every change locks the session first, then the records.
 */
@Injectable()
export class SessionRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly sessions: WorkingSessionsService,
    private readonly tasks: SessionTasks,
  ) {}

  async list(
    actor: Actor,
    sessionId: string,
    query: SessionRecordQueryDto,
  ): Promise<Page<SessionRecordDto>> {
    await this.sessions.findVisible(actor, sessionId);
    const qb = this.dataSource.manager
      .createQueryBuilder(SessionRecordEntity, 'r')
      .where('r.sessionId = :sessionId', { sessionId });
    if (query.type) qb.andWhere('r.type = :type', { type: query.type });
    whereSearch(qb, query.q, { key: 'f_search_key(r.text)' });
    const page = await paginate(qb, query, SESSION_RECORD_SORT);
    return { ...page, items: await toSessionRecordDtos(this.dataSource.manager, page.items) };
  }

  async get(target: Target, sessionId: string): Promise<SessionRecordDto> {
    const record = await this.writer.findChild(target, SESSION_RECORD, sessionId);
    return SESSION_RECORD.toDto(record, this.writer.context());
  }

  async create(
    actor: Actor,
    sessionId: string,
    body: CreateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    return this.writer.run(actor, async (tx) => {
      await this.sessions.lockForChange(tx, sessionId);
      const participantId = body.participantId ?? null;
      if (participantId) await assertParticipantOf(tx.manager, sessionId, participantId);
      const count = await tx.manager.count(SessionRecordEntity, { where: { sessionId } });
      let position = count + 1;
      if (body.order !== undefined) {
        if (body.order > count + 1) {
          throw RequestValidationError.field(
            'order',
            `must be between 1 and ${count + 1} (the session has ${count} record(s))`,
          );
        }
        position = body.order;
        await shiftFrom(tx, sessionId, position, +1);
      }
      return tx.insert(
        SESSION_RECORD,
        tx.manager.create(SessionRecordEntity, {
          sessionId,
          type: body.type,
          text: body.text,
          participantId,
          position,
        }),
      );
    });
  }

  async update(
    target: Target,
    sessionId: string,
    body: UpdateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    rejectNulls(body, ['type', 'text']);
    const changes = sentFields(body);
    return this.writer.run(target.actor, async (tx) => {
      const record = await tx.lockChild(SESSION_RECORD, sessionId, target);
      if (changes.participantId)
        await assertParticipantOf(tx.manager, sessionId, changes.participantId);
      if (record.type === 'conclusion' && changes.type === 'opinion') {
        await this.assertNoTasks(tx.manager, record.id, 'become an opinion');
      }
      return tx.change(SESSION_RECORD, record, (r) => {
        Object.assign(r, changes);
      });
    });
  }

  /** Soft-deletes a record and closes the gap it leaves in the order. */
  async remove(target: Target, sessionId: string): Promise<SessionRecordDto> {
    return this.writer.run(target.actor, async (tx) => {
      const record = await tx.lockChild(SESSION_RECORD, sessionId, target);
      await this.assertNoTasks(tx.manager, record.id, 'be deleted');
      const removed = await tx.remove(SESSION_RECORD, record);
      await shiftFrom(tx, sessionId, record.position + 1, -1);
      return removed;
    });
  }

  /**
   * Sets the order of all the session's records at once, at the session's version the client read
   * (If-Match): a reorder from a stale read is 412, so the later of two reorders of one read
   * cannot silently win. `recordIds` must name every live record exactly once: an id of another
   * session is a 400; a record left out (perhaps added since the client read the list) is a 409.
   * The session gets a new version (its ETag, sent back with the list) and a `reorder_records` event.
   */
  async reorder(
    { actor, id: sessionId, ifMatch }: Target,
    body: ReorderSessionRecordsDto,
  ): Promise<SessionRecordListDto> {
    return this.writer.run(actor, async (tx) => {
      const session = await this.sessions.lockForChange(tx, sessionId, ifMatch);
      const current = await lockRecords(tx.manager, sessionId);
      const byId = new Map(current.map((r) => [r.id, r]));
      const foreign = body.recordIds.filter((id) => !byId.has(id));
      if (foreign.length > 0) {
        throw RequestValidationError.field(
          'recordIds',
          `not records of this session: ${foreign.join(', ')}`,
        );
      }
      const listed = new Set(body.recordIds);
      const missing = current.filter((r) => !listed.has(r.id)).map((r) => r.id);
      if (missing.length > 0) {
        throw new ConflictError(
          `recordIds must list all ${current.length} records of the session; missing: ${missing.join(', ')} (read the list again)`,
        );
      }
      let moved = false;
      for (const [index, id] of body.recordIds.entries()) {
        const record = byId.get(id)!;
        if (record.position === index + 1) continue;
        moved = true;
        await tx.change(SESSION_RECORD, record, (r) => (r.position = index + 1), {
          action: 'reorder',
        });
      }
      const version = moved
        ? (await tx.touch(WORKING_SESSION, session, 'reorder_records')).version
        : session.version;
      return { items: await loadRecords(tx.manager, sessionId), version };
    });
  }

  private async assertNoTasks(manager: EntityManager, id: string, change: string): Promise<void> {
    const tasks = await this.tasks.countFromRecord(manager, id);
    if (tasks > 0) {
      throw new ConflictError(
        `${tasks} task(s) come from this conclusion, so it cannot ${change}; change their source first`,
      );
    }
  }
}

async function assertParticipantOf(
  manager: EntityManager,
  sessionId: string,
  participantId: string,
): Promise<void> {
  const found = await manager.exists(SessionParticipantEntity, {
    where: { id: participantId, sessionId },
  });
  if (!found)
    throw RequestValidationError.field('participantId', 'is not a participant of this session');
}

/** The session's live records in order, locked (the session's lock is already held). */
function lockRecords(
  manager: EntityManager,
  sessionId: string,
  from = 1,
): Promise<SessionRecordEntity[]> {
  return manager.find(SessionRecordEntity, {
    where: { sessionId, position: MoreThanOrEqual(from) },
    order: { position: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Moves the live records at `from` and after by `delta` places, each a versioned, audited change. */
async function shiftFrom(
  tx: RecordTransaction,
  sessionId: string,
  from: number,
  delta: 1 | -1,
): Promise<void> {
  const records = await lockRecords(tx.manager, sessionId, from);
  // Moving down, start from the end, so positions never pass through each other's.
  if (delta > 0) records.reverse();
  for (const record of records) {
    await tx.change(SESSION_RECORD, record, (r) => (r.position += delta), { action: 'reorder' });
  }
}
