import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  type Actor,
  BUSINESS_TIME_ZONE,
  calendarDate,
  ConflictError,
  Page,
  paginate,
  RecordKind,
  recordFields,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereInDistrict,
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
  WorkingSessionDetailDto,
  WorkingSessionDto,
  WorkingSessionQueryDto,
} from './dto/working-session.dto';
import { nextSessionStatus, type SessionAction, sessionActionsFrom } from './session-status';
import { SESSION_TOPICS, type SessionTopic, WorkingSessionEntity } from './working-session.entity';

const SORT = {
  startsAt: 'r.startsAt',
  title: 'r.title',
  reportingYear: 'r.reportingYear',
  createdAt: 'r.createdAt',
};

export function toWorkingSessionDto(s: WorkingSessionEntity): WorkingSessionDto {
  return {
    ...recordFields(s),
    kind: s.kind,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
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

/** A closed session is the final minutes: it, its participants and its records are read-only. */
export function assertSessionOpenForChanges(session: WorkingSessionEntity): void {
  if (session.status === 'closed') {
    throw new ConflictError(
      `Working session ${session.id} is closed: it, its participants and its records are read-only`,
    );
  }
}

/** SQL on alias `r`: the session is hosted in the district officer's district or its communes. */
export const WORKING_SESSION: RecordKind<WorkingSessionEntity, WorkingSessionDto> = {
  entityType: 'working_session',
  label: 'Working session',
  entity: WorkingSessionEntity,
  toDto: toWorkingSessionDto,
  scope: (qb, actor) => whereInDistrict(qb, 'r.hostAdminUnitId', actor),
  assertWritable: assertSessionOpenForChanges,
};

/** Status actions decide for themselves (a closed session answers 409 naming no allowed action). */
const WORKING_SESSION_STATUS = { ...WORKING_SESSION, assertWritable: undefined };

/** The topics without repeats, in the documented order. */
function canonicalTopics(topics: readonly SessionTopic[]): SessionTopic[] {
  return SESSION_TOPICS.filter((topic) => topics.includes(topic));
}

@Injectable()
export class WorkingSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly units: AdminUnitsService,
    private readonly tasks: SessionTasks,
  ) {}

  async list(actor: Actor, query: WorkingSessionQueryDto): Promise<Page<WorkingSessionDto>> {
    const qb = this.dataSource.getRepository(WorkingSessionEntity).createQueryBuilder('r');
    WORKING_SESSION.scope!(qb, actor);
    if (query.deleted) qb.withDeleted().andWhere('r.deletedAt IS NOT NULL');
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
    whereSearch(qb, query.q);
    const page = await paginate(qb, query, SORT, '-startsAt');
    return { ...page, items: page.items.map(toWorkingSessionDto) };
  }

  /**
   * The session with its participants, records and tasks: one query per collection, however many
   * there are.
   */
  async view(actor: Actor, id: string): Promise<WorkingSessionDetailDto> {
    const manager = this.dataSource.manager;
    const session = await this.writer.find(manager, WORKING_SESSION, actor, id);
    const [participants, records, tasks] = await Promise.all([
      loadParticipants(manager, id),
      loadRecords(manager, id),
      this.tasks.ofSession(manager, id),
    ]);
    return { ...toWorkingSessionDto(session), participants, records, tasks };
  }

  async create(actor: Actor | null, body: CreateWorkingSessionDto): Promise<WorkingSessionDto> {
    return this.writer.create(actor, WORKING_SESSION, async (manager) => {
      await this.assertHost(manager, body.hostAdminUnitId, body.startsAt);
      return manager.create(WorkingSessionEntity, {
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

  async update(
    actor: Actor,
    id: string,
    version: number,
    body: UpdateWorkingSessionDto,
  ): Promise<WorkingSessionDto> {
    rejectNulls(body, ['kind', 'title', 'startsAt', 'hostAdminUnitId', 'reportingYear', 'topics']);
    const { startsAt, topics, ...changes } = sentFields(body);
    return this.writer.change(actor, WORKING_SESSION, id, { version }, async (session, manager) => {
      if (startsAt !== undefined || changes.hostAdminUnitId !== undefined) {
        await this.assertHost(
          manager,
          changes.hostAdminUnitId ?? session.hostAdminUnitId,
          startsAt ?? session.startsAt.toISOString(),
        );
      }
      Object.assign(session, changes);
      if (startsAt !== undefined) session.startsAt = new Date(startsAt);
      if (topics !== undefined) session.topics = canonicalTopics(topics);
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<WorkingSessionDto> {
    return this.writer.remove(actor, WORKING_SESSION, id, version);
  }

  async restore(actor: Actor, id: string, version: number): Promise<WorkingSessionDto> {
    return this.writer.restore(actor, WORKING_SESSION, id, version);
  }

  /** `hold`, `close` or `cancel` (which needs a reason); audited under the action's name. */
  async act(
    actor: Actor | null,
    id: string,
    version: number,
    action: SessionAction,
    body: SessionActionDto,
  ): Promise<WorkingSessionDto> {
    if (action === 'cancel' && !body.reason) {
      throw RequestValidationError.field('reason', 'is required to cancel a session');
    }
    if (action !== 'cancel' && body.reason !== undefined) {
      throw RequestValidationError.field('reason', `is only for cancel; use note to ${action}`);
    }
    return this.writer.change(actor, WORKING_SESSION_STATUS, id, { version, action }, (session) => {
      session.status = nextSessionStatus(session.status, action);
      session.statusNote = body.note ?? null;
      if (action === 'cancel') session.cancelReason = body.reason ?? null;
    });
  }

  /**
   * Locks a session the caller can see, for a change to its participants or records: 404 when it
   * is not visible, 409 when it is closed. Writers of one session's children serialise here.
   */
  async lockForChange(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
  ): Promise<WorkingSessionEntity> {
    const session = await this.writer.find(manager, WORKING_SESSION, actor, id, { lock: true });
    assertSessionOpenForChanges(session);
    return session;
  }

  /** A session the caller can see, for reading its children; 404 otherwise. */
  async findVisible(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
  ): Promise<WorkingSessionEntity> {
    return this.writer.find(manager, WORKING_SESSION, actor, id);
  }

  /** A session another record refers to (a task's source); 400 naming the field otherwise. */
  async requireSession(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
    field: string,
  ): Promise<WorkingSessionEntity> {
    return this.writer.reference(manager, WORKING_SESSION, actor, id, field);
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
