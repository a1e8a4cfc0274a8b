import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  type Actor,
  AuditService,
  ConflictError,
  NotFoundError,
  Page,
  paginate,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  Transactions,
  whereSearch,
} from '@app/platform';
import { SessionParticipantEntity } from '../participants/session-participant.entity';
import { SessionTasks } from '../session-tasks.port';
import { WorkingSessionsService } from '../working-sessions/working-sessions.service';
import {
  CreateSessionRecordDto,
  ReorderSessionRecordsDto,
  SessionRecordDto,
  SessionRecordListDto,
  SessionRecordQueryDto,
  UpdateSessionRecordDto,
} from './dto/session-record.dto';
import { loadRecords, SESSION_RECORD, toSessionRecordDto } from './session-record.mapper';
import { SessionRecordEntity } from './session-record.entity';

const SORT = { order: 'r.position' };

/**
 * Opinions and conclusions in the order of the minutes. Positions are kept 1..n among the live
 * records: inserting at a place moves the later ones down, deleting closes the gap, and
 * `reorder` sets the whole order at once. Every change holds the session's row lock.
 */
@Injectable()
export class SessionRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly sessions: WorkingSessionsService,
    private readonly tasks: SessionTasks,
  ) {}

  async list(
    actor: Actor,
    sessionId: string,
    query: SessionRecordQueryDto,
  ): Promise<Page<SessionRecordDto>> {
    const manager = this.dataSource.manager;
    await this.sessions.findVisible(manager, actor, sessionId);
    const qb = manager
      .createQueryBuilder(SessionRecordEntity, 'r')
      .where('r.sessionId = :sessionId', { sessionId });
    if (query.type) qb.andWhere('r.type = :type', { type: query.type });
    whereSearch(qb, query.q, 'f_search_key(r.text)');
    const page = await paginate(qb, query, SORT, 'order');
    return { ...page, items: page.items.map(toSessionRecordDto) };
  }

  async get(actor: Actor, sessionId: string, id: string): Promise<SessionRecordDto> {
    const record = await this.writer.find(this.dataSource.manager, SESSION_RECORD, actor, id);
    assertOfSession(record, sessionId);
    return toSessionRecordDto(record);
  }

  async create(
    actor: Actor | null,
    sessionId: string,
    body: CreateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    return this.writer.create(actor, SESSION_RECORD, async (manager) => {
      await this.sessions.lockForChange(manager, actor, sessionId);
      const participantId = body.participantId ?? null;
      if (participantId) await assertParticipantOf(manager, sessionId, participantId);
      const count = await manager.count(SessionRecordEntity, { where: { sessionId } });
      let position = count + 1;
      if (body.order !== undefined) {
        if (body.order > count + 1) {
          throw RequestValidationError.field(
            'order',
            `must be between 1 and ${count + 1} (the session has ${count} record(s))`,
          );
        }
        position = body.order;
        await shiftFrom(manager, actor, sessionId, position, +1);
      }
      return manager.create(SessionRecordEntity, {
        sessionId,
        type: body.type,
        text: body.text,
        participantId,
        position,
      });
    });
  }

  async update(
    actor: Actor,
    sessionId: string,
    id: string,
    version: number,
    body: UpdateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    rejectNulls(body, ['type', 'text']);
    const changes = sentFields(body);
    return this.writer.change(actor, SESSION_RECORD, id, { version }, async (record, manager) => {
      assertOfSession(record, sessionId);
      await this.sessions.lockForChange(manager, actor, sessionId);
      if (changes.participantId)
        await assertParticipantOf(manager, sessionId, changes.participantId);
      if (record.type === 'conclusion' && changes.type === 'opinion') {
        await this.assertNoTasks(manager, id, 'become an opinion');
      }
      Object.assign(record, changes);
    });
  }

  /** Soft-deletes a record and closes the gap it leaves in the order. */
  async remove(
    actor: Actor,
    sessionId: string,
    id: string,
    version: number,
  ): Promise<SessionRecordDto> {
    return this.writer.remove(actor, SESSION_RECORD, id, version, async (record, manager) => {
      assertOfSession(record, sessionId);
      await this.sessions.lockForChange(manager, actor, sessionId);
      await this.assertNoTasks(manager, id, 'be deleted');
      await shiftFrom(manager, actor, sessionId, record.position + 1, -1);
    });
  }

  /**
   * Sets the order of all the session's records at once. `recordIds` must name every live record
   * exactly once: an id of another session is a 400; a record left out (perhaps added since the
   * client read the list) is a 409. Each moved record gets a new version and an audit event.
   */
  async reorder(
    actor: Actor | null,
    sessionId: string,
    body: ReorderSessionRecordsDto,
  ): Promise<SessionRecordListDto> {
    return this.transactions.run(async (manager) => {
      await this.sessions.lockForChange(manager, actor, sessionId);
      const current = await manager.find(SessionRecordEntity, {
        where: { sessionId },
        order: { position: 'ASC' },
      });
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
      const moves = body.recordIds
        .map((id, index) => ({ record: byId.get(id)!, position: index + 1 }))
        .filter(({ record, position }) => record.position !== position);
      if (moves.length > 0) {
        await manager.query(
          `UPDATE session_record r
              SET position = m.position, version = r.version + 1, updated_at = now(), updated_by = $3
             FROM unnest($1::uuid[], $2::int[]) AS m(id, position)
            WHERE r.id = m.id`,
          [moves.map((m) => m.record.id), moves.map((m) => m.position), actor?.userId ?? null],
        );
        const after = new Map(
          (
            await manager.find(SessionRecordEntity, {
              where: { id: In(moves.map((m) => m.record.id)) },
            })
          ).map((r) => [r.id, r]),
        );
        for (const { record } of moves) {
          await this.audit.record(manager, actor, {
            entityType: SESSION_RECORD.entityType,
            entityId: record.id,
            action: 'reorder',
            before: toSessionRecordDto(record),
            after: toSessionRecordDto(after.get(record.id)!),
          });
        }
      }
      return { items: await loadRecords(manager, sessionId) };
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

/** A record reached through another session's URL does not exist there. */
function assertOfSession(record: SessionRecordEntity, sessionId: string): void {
  if (record.sessionId !== sessionId) throw new NotFoundError('Session record', record.id);
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

/** Moves the live records at `from` and after by `delta` places (a new version each). */
async function shiftFrom(
  manager: EntityManager,
  actor: Actor | null,
  sessionId: string,
  from: number,
  delta: 1 | -1,
): Promise<void> {
  await manager.query(
    `UPDATE session_record
        SET position = position + $3, version = version + 1, updated_at = now(), updated_by = $4
      WHERE session_id = $1 AND position >= $2 AND deleted_at IS NULL`,
    [sessionId, from, delta, actor?.userId ?? null],
  );
}
