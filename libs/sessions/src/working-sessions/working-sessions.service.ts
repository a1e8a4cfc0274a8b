import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  type Actor,
  BUSINESS_TIME_ZONE,
  calendarDate,
  type IfMatch,
  Page,
  paginate,
  RecordTransaction,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  type Target,
  whereSearch,
} from '@app/platform';
import { AdminUnitsService } from '@app/registry';
import { loadParticipants } from '../participants/session-participant.mapper';
import { loadRecords } from '../records/session-record.mapper';
import { SessionTasks } from '../session-tasks.port';
import {
  CreateWorkingSessionDto,
  SessionActionDto,
  UpdateWorkingSessionDto,
  WORKING_SESSION_SORT,
  WorkingSessionDetailDto,
  WorkingSessionDto,
  WorkingSessionQueryDto,
} from './dto/working-session.dto';
import { type SessionAction, SESSION_STATUS_MACHINE } from './session-status';
import { WORKING_SESSION } from './working-session.kind';
import { toWorkingSessionDtos } from './working-session.mapper';
import { SESSION_TOPICS, type SessionTopic, WorkingSessionEntity } from './working-session.entity';

/** The topics without repeats, in the documented order. */
function canonicalTopics(topics: readonly SessionTopic[]): SessionTopic[] {
  return SESSION_TOPICS.filter((topic) => topics.includes(topic));
}

@Injectable()
export class WorkingSessionsService {
  constructor(
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
    private readonly tasks: SessionTasks,
  ) {}

  async list(actor: Actor, query: WorkingSessionQueryDto): Promise<Page<WorkingSessionDto>> {
    const qb = this.writer.query(actor, WORKING_SESSION, query);
    if (query.hostAdminUnitId) {
      qb.andWhere('r.hostAdminUnitId = :hostAdminUnitId', {
        hostAdminUnitId: query.hostAdminUnitId,
      });
    }
    if (query.year !== undefined) qb.andWhere('r.reportingYear = :year', { year: query.year });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    // from/to are calendar days in Viet Nam: [from 00:00, to + 1 day 00:00) there.
    if (query.from) {
      qb.andWhere(`r.startsAt >= (CAST(:from AS date) + time '00:00') AT TIME ZONE :zone`, {
        from: query.from,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    if (query.to) {
      qb.andWhere(`r.startsAt < (CAST(:to AS date) + 1 + time '00:00') AT TIME ZONE :zone`, {
        to: query.to,
        zone: BUSINESS_TIME_ZONE,
      });
    }
    whereSearch(qb, query.q, { text: 'r.title' });
    const page = await paginate(qb, query, WORKING_SESSION_SORT);
    return {
      ...page,
      items: await toWorkingSessionDtos(this.writer.context().manager, page.items),
    };
  }

  /**
   * The session with its participants, records and tasks: one query per collection, however many
   * there are.
   */
  async view(actor: Actor, id: string): Promise<WorkingSessionDetailDto> {
    const session = await this.writer.find(actor, WORKING_SESSION, id);
    const context = this.writer.context();
    const [[shown], participants, records, tasks] = await Promise.all([
      toWorkingSessionDtos(context.manager, [session]),
      loadParticipants(context.manager, id),
      loadRecords(context.manager, id),
      this.tasks.ofSession(context, id),
    ]);
    return { ...shown, participants, records, tasks };
  }

  async create(actor: Actor, body: CreateWorkingSessionDto): Promise<WorkingSessionDto> {
    return this.writer.create(actor, WORKING_SESSION, async (tx) => {
      await this.assertHost(tx.manager, body.hostAdminUnitId, body.startsAt);
      return tx.manager.create(WorkingSessionEntity, {
        kind: body.kind,
        title: body.title,
        startsAt: new Date(body.startsAt),
        venue: body.venue ?? null,
        hostAdminUnitId: body.hostAdminUnitId,
        reportingYear: body.reportingYear,
        periodLabel: body.periodLabel ?? null,
        topics: canonicalTopics(body.topics ?? []),
        summary: body.summary ?? null,
        status: 'planned',
        statusNote: null,
        cancelReason: null,
      });
    });
  }

  async update(target: Target, body: UpdateWorkingSessionDto): Promise<WorkingSessionDto> {
    rejectNulls(body, ['kind', 'title', 'startsAt', 'hostAdminUnitId', 'reportingYear', 'topics']);
    const { startsAt, topics, ...changes } = sentFields(body);
    return this.writer.change(target, WORKING_SESSION, async (session, tx) => {
      if (startsAt !== undefined || changes.hostAdminUnitId !== undefined) {
        await this.assertHost(
          tx.manager,
          changes.hostAdminUnitId ?? session.hostAdminUnitId,
          startsAt ?? session.startsAt.toISOString(),
        );
      }
      Object.assign(session, changes);
      if (startsAt !== undefined) session.startsAt = new Date(startsAt);
      if (topics !== undefined) session.topics = canonicalTopics(topics);
    });
  }

  remove(target: Target): Promise<WorkingSessionDto> {
    return this.writer.remove(target, WORKING_SESSION);
  }

  restore(target: Target): Promise<WorkingSessionDto> {
    return this.writer.restore(target, WORKING_SESSION);
  }

  /**
   * `hold`, `close` or `cancel`, by the status machine's rules; audited under the action's name.
   * A closed session answers 409 naming no allowed action (the machine decides, not the lock).
   */
  act(target: Target, action: SessionAction, body: SessionActionDto): Promise<WorkingSessionDto> {
    return this.writer.act(target, WORKING_SESSION, SESSION_STATUS_MACHINE, action, body);
  }

  /**
   * Locks a session the caller can see, for a change to its participants or records: 404 when it
   * is not visible, 409 when it is closed. Writers of one session's children serialise here.
   */
  lockForChange(
    tx: RecordTransaction,
    id: string,
    ifMatch?: IfMatch,
  ): Promise<WorkingSessionEntity> {
    return tx.lock(WORKING_SESSION, id, { ifMatch });
  }

  /** A session the caller can see, for reading its children; 404 otherwise. */
  findVisible(actor: Actor, id: string): Promise<WorkingSessionEntity> {
    return this.writer.find(actor, WORKING_SESSION, id);
  }

  /** A session another record refers to (a task's source); 400 naming the field otherwise. */
  requireSession(tx: RecordTransaction, id: string, field: string): Promise<WorkingSessionEntity> {
    return tx.reference(WORKING_SESSION, id, field);
  }

  /** The host is a district or commune in force on the session's day in Viet Nam. */
  private async assertHost(
    manager: EntityManager,
    hostAdminUnitId: string,
    startsAt: string,
  ): Promise<void> {
    const day = calendarDate(new Date(startsAt));
    const unit = await this.units.requireUnit(manager, hostAdminUnitId, 'hostAdminUnitId', day);
    if (unit.level === 'province') {
      throw RequestValidationError.field(
        'hostAdminUnitId',
        `${unit.name} is a province; a session is hosted by a district or a commune`,
      );
    }
  }
}
