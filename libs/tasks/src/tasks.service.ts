import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  type Actor,
  Clock,
  Page,
  paginate,
  recordExists,
  recordTypes,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import { OrganisationEntity, OrganisationsService, PeopleService } from '@app/registry';
import { SessionRecordEntity, WorkingSessionsService } from '@app/sessions';
import { CreateTaskDto, TaskActionDto, TaskDto, TaskQueryDto, UpdateTaskDto } from './dto/task.dto';
import { notOverdueCondition, overdueCondition, todayInVietnam } from './task-overdue';
import { loadCoOrganisations, type TaskKinds, taskKinds, toTaskDto } from './task.mapper';
import { nextTaskStatus, type TaskAction } from './task-status';
import { TaskCoOrganisationEntity, TaskEntity } from './task.entity';

// Tasks without a due date sort as if due after every date.
const SORT = {
  dueDate: `COALESCE(r.dueDate, DATE 'infinity')`,
  createdAt: 'r.createdAt',
  title: 'r.title',
};

interface Source {
  sourceSessionId: string | null;
  sourceRecordId: string | null;
}

interface Subject {
  subjectType: string | null;
  subjectId: string | null;
}

@Injectable()
export class TasksService {
  readonly kinds: TaskKinds;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
    private readonly sessions: WorkingSessionsService,
  ) {
    this.kinds = taskKinds(clock);
  }

  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskDto>> {
    const today = todayInVietnam(this.clock);
    const qb = this.dataSource.getRepository(TaskEntity).createQueryBuilder('r');
    this.kinds.task.scope!(qb, actor);
    if (query.deleted) qb.withDeleted().andWhere('r.deletedAt IS NOT NULL');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.priority) qb.andWhere('r.priority = :priority', { priority: query.priority });
    if (query.leadOrganisationId) {
      qb.andWhere('r.leadOrganisationId = :leadOrganisationId', {
        leadOrganisationId: query.leadOrganisationId,
      });
    }
    if (query.sourceSessionId) {
      qb.andWhere('r.sourceSessionId = :sourceSessionId', {
        sourceSessionId: query.sourceSessionId,
      });
    }
    if (query.overdue !== undefined) {
      qb.andWhere(
        query.overdue ? overdueCondition('r', 'today') : notOverdueCondition('r', 'today'),
        { today },
      );
    }
    if (query.dueBefore) qb.andWhere('r.dueDate < :dueBefore', { dueBefore: query.dueBefore });
    if (query.dueAfter) qb.andWhere('r.dueDate > :dueAfter', { dueAfter: query.dueAfter });
    if (query.subjectType) {
      qb.andWhere('r.subjectType = :subjectType', { subjectType: query.subjectType });
    }
    if (query.subjectId) qb.andWhere('r.subjectId = :subjectId', { subjectId: query.subjectId });
    whereSearch(qb, query.q);
    const page = await paginate(qb, query, SORT, 'dueDate');
    const co = await loadCoOrganisations(
      this.dataSource.manager,
      page.items.map((t) => t.id),
    );
    return { ...page, items: page.items.map((t) => toTaskDto(t, co.get(t.id) ?? [], today)) };
  }

  async get(actor: Actor, id: string): Promise<TaskDto> {
    const manager = this.dataSource.manager;
    return this.kinds.task.toDto(
      await this.writer.find(manager, this.kinds.task, actor, id),
      manager,
    );
  }

  async create(actor: Actor | null, body: CreateTaskDto): Promise<TaskDto> {
    const coOrganisationIds = body.coOrganisationIds ?? [];
    return this.writer.create(
      actor,
      this.kinds.task,
      async (manager) => {
        await this.organisations.requireOrganisation(
          manager,
          actor,
          body.leadOrganisationId,
          'leadOrganisationId',
        );
        await this.assertCoOrganisations(manager, body.leadOrganisationId, coOrganisationIds);
        if (body.assignedByPersonId) {
          await this.people.requirePerson(
            manager,
            actor,
            body.assignedByPersonId,
            'assignedByPersonId',
          );
        }
        const source = await this.resolveSource(manager, actor, {
          sourceSessionId: body.sourceSessionId ?? null,
          sourceRecordId: body.sourceRecordId ?? null,
        });
        const subject = await this.assertSubject(manager, {
          subjectType: body.subjectType ?? null,
          subjectId: body.subjectId ?? null,
        });
        return manager.create(TaskEntity, {
          title: body.title,
          description: body.description ?? null,
          leadOrganisationId: body.leadOrganisationId,
          assignedByPersonId: body.assignedByPersonId ?? null,
          dueDate: body.dueDate ?? null,
          priority: body.priority ?? 'normal',
          ...source,
          ...subject,
          status: 'open',
          percent: null,
          percentFloor: 0,
          completionNote: null,
          cancelReason: null,
          statusNote: null,
          completedAt: null,
        });
      },
      async (task, manager) => {
        await replaceCoOrganisations(manager, task.id, coOrganisationIds);
      },
    );
  }

  async update(actor: Actor, id: string, version: number, body: UpdateTaskDto): Promise<TaskDto> {
    rejectNulls(body, ['title', 'leadOrganisationId', 'priority', 'coOrganisationIds']);
    const { coOrganisationIds, ...changes } = sentFields(body);
    return this.writer.change(actor, this.kinds.task, id, { version }, async (task, manager) => {
      const leadOrganisationId = changes.leadOrganisationId ?? task.leadOrganisationId;
      if (changes.leadOrganisationId !== undefined) {
        await this.organisations.requireOrganisation(
          manager,
          actor,
          leadOrganisationId,
          'leadOrganisationId',
        );
      }
      if (coOrganisationIds !== undefined || changes.leadOrganisationId !== undefined) {
        const co = coOrganisationIds ?? (await loadCoOrganisations(manager, [id])).get(id) ?? [];
        await this.assertCoOrganisations(manager, leadOrganisationId, co);
        await replaceCoOrganisations(manager, id, co);
      }
      if (changes.assignedByPersonId) {
        await this.people.requirePerson(
          manager,
          actor,
          changes.assignedByPersonId,
          'assignedByPersonId',
        );
      }
      if (changes.sourceSessionId !== undefined || changes.sourceRecordId !== undefined) {
        Object.assign(
          task,
          await this.resolveSource(manager, actor, {
            // A new session without a record leaves the old session's conclusion behind.
            sourceSessionId:
              changes.sourceSessionId !== undefined
                ? changes.sourceSessionId
                : task.sourceSessionId,
            sourceRecordId:
              changes.sourceRecordId !== undefined
                ? changes.sourceRecordId
                : changes.sourceSessionId !== undefined
                  ? null
                  : task.sourceRecordId,
          }),
        );
      }
      if (changes.subjectType !== undefined || changes.subjectId !== undefined) {
        Object.assign(
          task,
          await this.assertSubject(
            manager,
            {
              subjectType:
                changes.subjectType !== undefined ? changes.subjectType : task.subjectType,
              subjectId: changes.subjectId !== undefined ? changes.subjectId : task.subjectId,
            },
            id,
          ),
        );
      }
      if (changes.title !== undefined) task.title = changes.title;
      if (changes.description !== undefined) task.description = changes.description;
      if (changes.assignedByPersonId !== undefined)
        task.assignedByPersonId = changes.assignedByPersonId;
      if (changes.dueDate !== undefined) task.dueDate = changes.dueDate;
      if (changes.priority !== undefined) task.priority = changes.priority;
      task.leadOrganisationId = leadOrganisationId;
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<TaskDto> {
    return this.writer.remove(actor, this.kinds.task, id, version);
  }

  async restore(actor: Actor, id: string, version: number): Promise<TaskDto> {
    return this.writer.restore(actor, this.kinds.task, id, version);
  }

  /**
   * `start`, `complete` (needs a note), `cancel` (needs a reason) or `reopen`, audited under the
   * action's name. start and complete are open to unit staff on the tasks their unit leads.
   */
  async act(
    actor: Actor | null,
    id: string,
    version: number,
    action: TaskAction,
    body: TaskActionDto,
  ): Promise<TaskDto> {
    if (action === 'complete' && !body.note) {
      throw RequestValidationError.field('note', 'is required to complete a task: what was done');
    }
    if (action === 'cancel' && !body.reason) {
      throw RequestValidationError.field('reason', 'is required to cancel a task');
    }
    if (action !== 'cancel' && body.reason !== undefined) {
      throw RequestValidationError.field('reason', `is only for cancel; use note to ${action}`);
    }
    const kind =
      action === 'start' || action === 'complete' ? this.kinds.taskLedByCaller : this.kinds.task;
    return this.writer.change(actor, kind, id, { version, action }, (task) => {
      task.status = nextTaskStatus(task.status, action);
      task.statusNote = body.note ?? null;
      switch (action) {
        case 'start':
          break;
        case 'complete':
          task.completionNote = body.note ?? null;
          task.completedAt = this.clock.now();
          task.percent = 100;
          task.percentFloor = 100;
          break;
        case 'cancel':
          task.cancelReason = body.reason ?? null;
          break;
        case 'reopen':
          // Reopened work starts over: the completion is void and progress may be reported lower.
          task.completionNote = null;
          task.cancelReason = null;
          task.completedAt = null;
          task.percentFloor = 0;
          break;
      }
    });
  }

  private async assertCoOrganisations(
    manager: EntityManager,
    leadOrganisationId: string,
    ids: string[],
  ): Promise<void> {
    if (ids.includes(leadOrganisationId)) {
      throw RequestValidationError.field(
        'coOrganisationIds',
        'must not include the lead organisation',
      );
    }
    if (ids.length === 0) return;
    const found = await manager.find(OrganisationEntity, {
      where: { id: In(ids) },
      select: { id: true },
    });
    const known = new Set(found.map((o) => o.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw RequestValidationError.field(
        'coOrganisationIds',
        `no organisation has these ids: ${unknown.join(', ')}`,
      );
    }
  }

  /**
   * The session a task follows up and the conclusion it comes from: the conclusion must belong to
   * the session (given alone, it names the session).
   */
  private async resolveSource(
    manager: EntityManager,
    actor: Actor | null,
    source: Source,
  ): Promise<Source> {
    let sessionId = source.sourceSessionId;
    if (source.sourceRecordId) {
      const record = await manager.findOne(SessionRecordEntity, {
        where: { id: source.sourceRecordId },
      });
      if (!record) {
        throw RequestValidationError.field('sourceRecordId', 'no session record has this id');
      }
      if (record.type !== 'conclusion') {
        throw RequestValidationError.field(
          'sourceRecordId',
          'must be a conclusion (this record is an opinion)',
        );
      }
      if (sessionId && record.sessionId !== sessionId) {
        throw RequestValidationError.field(
          'sourceRecordId',
          'is a conclusion of another session than sourceSessionId',
        );
      }
      sessionId = record.sessionId;
    }
    if (sessionId) await this.sessions.requireSession(manager, actor, sessionId, 'sourceSessionId');
    return { sourceSessionId: sessionId, sourceRecordId: source.sourceRecordId };
  }

  /** Both or neither; a registered record type; a record of it that exists. */
  private async assertSubject(
    manager: EntityManager,
    subject: Subject,
    taskId?: string,
  ): Promise<Subject> {
    const { subjectType, subjectId } = subject;
    if (subjectType === null && subjectId === null) return subject;
    if (subjectType === null || subjectId === null) {
      const message = 'subjectType and subjectId go together: send both or neither';
      throw RequestValidationError.field(
        subjectType === null ? 'subjectType' : 'subjectId',
        message,
      );
    }
    if (!recordTypes().includes(subjectType)) {
      throw RequestValidationError.field(
        'subjectType',
        `must be one of: ${recordTypes().join(', ')}`,
      );
    }
    if (subjectType === 'task' && subjectId === taskId) {
      throw RequestValidationError.field('subjectId', 'a task cannot concern itself');
    }
    if (!(await recordExists(manager, subjectType, subjectId))) {
      throw RequestValidationError.field('subjectId', `no ${subjectType} has this id`);
    }
    return subject;
  }
}

async function replaceCoOrganisations(
  manager: EntityManager,
  taskId: string,
  organisationIds: string[],
): Promise<void> {
  await manager.delete(TaskCoOrganisationEntity, { taskId });
  if (organisationIds.length > 0) {
    await manager.insert(
      TaskCoOrganisationEntity,
      organisationIds.map((organisationId) => ({ taskId, organisationId })),
    );
  }
}
