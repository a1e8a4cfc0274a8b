import { Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import {
  type Actor,
  type Target,
  applySort,
  Page,
  RecordTransaction,
  recordKindNames,
  recordKindOf,
  RecordWriter,
  rejectNulls,
  RequestValidationError,
  sentFields,
  whereSearch,
} from '@app/platform';
import { OrganisationEntity, OrganisationsService, PeopleService, unitsOf } from '@app/registry';
import { hostedIn, SessionRecordEntity, WorkingSessionsService } from '@app/sessions';
import {
  CreateTaskDto,
  TASK_SORT,
  TaskActionDto,
  TaskDto,
  TaskQueryDto,
  UpdateTaskDto,
} from './dto/task.dto';
import { completedLateCondition, notOverdueCondition, overdueCondition } from './task-overdue';
import { TASK } from './task.kind';
import { readTask, readTaskPage } from './task.reader';
import { loadCoOrganisations, loadTaskNames, toTaskDto } from './task.mapper';
import { type TaskAction, TASK_STATUS_MACHINE } from './task-status';
import { TaskCoOrganisationEntity, TaskEntity } from './task.entity';

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
  constructor(
    private readonly writer: RecordWriter,
    private readonly organisations: OrganisationsService,
    private readonly people: PeopleService,
    private readonly sessions: WorkingSessionsService,
    private readonly dataSource: DataSource,
  ) {}

  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskDto>> {
    const context = this.writer.context();
    const qb = this.writer.query(actor, TASK, query);
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
    if (query.hostAdminUnitId) {
      // As the district rule: the units found once, a semi-join on the session.
      qb.andWhere(hostedIn('r.source_session_id', unitsOf('host')), {
        host: query.hostAdminUnitId,
      });
    }
    if (query.mine || query.myRole) this.whereMine(qb, actor, query);
    if (query.doneLate !== undefined) {
      qb.andWhere(
        query.doneLate ? completedLateCondition('r') : `NOT ${completedLateCondition('r')}`,
      );
    }
    if (query.overdue !== undefined) {
      qb.andWhere(
        query.overdue ? overdueCondition('r', 'today') : notOverdueCondition('r', 'today'),
        { today: context.today },
      );
    }
    if (query.dueBefore) qb.andWhere('r.dueDate < :dueBefore', { dueBefore: query.dueBefore });
    if (query.dueAfter) qb.andWhere('r.dueDate > :dueAfter', { dueAfter: query.dueAfter });
    if (query.subjectType) {
      qb.andWhere('r.subjectType = :subjectType', { subjectType: query.subjectType });
    }
    if (query.subjectId) qb.andWhere('r.subjectId = :subjectId', { subjectId: query.subjectId });
    whereSearch(qb, query.q, { text: 'r.title' });
    applySort(qb, query, TASK_SORT);
    const { items, total } = await readTaskPage(
      this.dataSource,
      qb,
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      { today: context.today, callerOrganisationId: actor.organisationId },
    );
    return {
      items,
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async get(actor: Actor, id: string): Promise<TaskDto> {
    const { manager, today } = this.writer.context();
    const found = await readTask(
      this.dataSource,
      this.writer.query(actor, TASK).andWhere('r.id = :id', { id }),
      { today, callerOrganisationId: actor.organisationId },
    );
    if (found) return found;
    // Not found in scope: the general path answers (404, or 403 with a rule's reason).
    const task = await this.writer.find(actor, TASK, id);
    return toTaskDto(task, await loadTaskNames(manager, [task]), today, actor.organisationId);
  }

  /** "My tasks": those the caller's organisation leads or co-operates on (or has `myRole` in). */
  private whereMine(qb: SelectQueryBuilder<TaskEntity>, actor: Actor, query: TaskQueryDto): void {
    if (actor.organisationId === null) {
      throw RequestValidationError.field(
        query.mine ? 'mine' : 'myRole',
        'is for an account bound to an organisation; yours is bound to none',
      );
    }
    const lead = 'r.leadOrganisationId = :myOrganisation';
    const co = `EXISTS (SELECT 1 FROM task_co_organisation mc WHERE mc.task_id = r.id AND mc.organisation_id = :myOrganisation)`;
    const condition =
      query.myRole === 'lead' ? lead : query.myRole === 'co_operating' ? co : `(${lead} OR ${co})`;
    qb.andWhere(condition, { myOrganisation: actor.organisationId });
  }

  async create(actor: Actor, body: CreateTaskDto): Promise<TaskDto> {
    const coOrganisationIds = body.coOrganisationIds ?? [];
    return this.writer.create(
      actor,
      TASK,
      async (tx) => {
        await this.organisations.requireOrganisation(
          tx,
          body.leadOrganisationId,
          'leadOrganisationId',
        );
        await assertCoOrganisations(tx, body.leadOrganisationId, coOrganisationIds);
        if (body.assignedByPersonId) {
          await this.people.requirePerson(tx, body.assignedByPersonId, 'assignedByPersonId');
        }
        const source = await this.resolveSource(tx, {
          sourceSessionId: body.sourceSessionId ?? null,
          sourceRecordId: body.sourceRecordId ?? null,
        });
        const subject = await assertSubject(tx, {
          subjectType: body.subjectType ?? null,
          subjectId: body.subjectId ?? null,
        });
        return tx.manager.create(TaskEntity, {
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
      (task, tx) => replaceCoOrganisations(tx, task.id, coOrganisationIds),
    );
  }

  async update(target: Target, body: UpdateTaskDto): Promise<TaskDto> {
    rejectNulls(body, ['title', 'leadOrganisationId', 'priority', 'coOrganisationIds']);
    const { coOrganisationIds, ...changes } = sentFields(body);
    const id = target.id;
    return this.writer.change(target, TASK, async (task, tx) => {
      const leadOrganisationId = changes.leadOrganisationId ?? task.leadOrganisationId;
      if (changes.leadOrganisationId !== undefined) {
        await this.organisations.requireOrganisation(tx, leadOrganisationId, 'leadOrganisationId');
      }
      if (coOrganisationIds !== undefined || changes.leadOrganisationId !== undefined) {
        const co = coOrganisationIds ?? (await loadCoOrganisations(tx.manager, [id])).get(id) ?? [];
        await assertCoOrganisations(tx, leadOrganisationId, co);
        await replaceCoOrganisations(tx, id, co);
      }
      if (changes.assignedByPersonId) {
        await this.people.requirePerson(tx, changes.assignedByPersonId, 'assignedByPersonId');
      }
      if (changes.sourceSessionId !== undefined || changes.sourceRecordId !== undefined) {
        Object.assign(
          task,
          await this.resolveSource(tx, {
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
          await assertSubject(
            tx,
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

  remove(target: Target): Promise<TaskDto> {
    return this.writer.remove(target, TASK);
  }

  restore(target: Target): Promise<TaskDto> {
    return this.writer.restore(target, TASK);
  }

  /**
   * `start`, `complete`, `cancel` or `reopen` by the status machine's rules (what each requires,
   * what it changes), audited under the action's name. Who may act on which task is the route's
   * declaration, applied by the write path.
   */
  act(target: Target, action: TaskAction, body: TaskActionDto): Promise<TaskDto> {
    return this.writer.act(target, TASK, TASK_STATUS_MACHINE, action, body);
  }

  /**
   * The session a task follows up and the conclusion it comes from: the conclusion must belong to
   * the session (given alone, it names the session).
   */
  private async resolveSource(tx: RecordTransaction, source: Source): Promise<Source> {
    let sessionId = source.sourceSessionId;
    if (source.sourceRecordId) {
      const record = await tx.manager.findOne(SessionRecordEntity, {
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
    if (sessionId) await this.sessions.requireSession(tx, sessionId, 'sourceSessionId');
    return { sourceSessionId: sessionId, sourceRecordId: source.sourceRecordId };
  }
}

/** Co-operating units: not the lead, and each an organisation that exists. */
async function assertCoOrganisations(
  tx: RecordTransaction,
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
  const found = await tx.manager.find(OrganisationEntity, {
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

/** Both or neither; a kind of record others may refer to; one of it the caller can see. */
async function assertSubject(
  tx: RecordTransaction,
  subject: Subject,
  taskId?: string,
): Promise<Subject> {
  const { subjectType, subjectId } = subject;
  if (subjectType === null && subjectId === null) return subject;
  if (subjectType === null || subjectId === null) {
    const message = 'subjectType and subjectId go together: send both or neither';
    throw RequestValidationError.field(subjectType === null ? 'subjectType' : 'subjectId', message);
  }
  const kind = recordKindOf(subjectType);
  if (!kind) {
    throw RequestValidationError.field(
      'subjectType',
      `must be one of: ${recordKindNames().join(', ')}`,
    );
  }
  if (subjectType === 'task' && subjectId === taskId) {
    throw RequestValidationError.field('subjectId', 'a task cannot concern itself');
  }
  await tx.reference(kind, subjectId, 'subjectId');
  return subject;
}

/** The co-operating units are rows of their own; the task's new version covers them. */
async function replaceCoOrganisations(
  tx: RecordTransaction,
  taskId: string,
  organisationIds: string[],
): Promise<void> {
  await tx.manager.delete(TaskCoOrganisationEntity, { taskId });
  if (organisationIds.length > 0) {
    await tx.manager.insert(
      TaskCoOrganisationEntity,
      organisationIds.map((organisationId) => ({ taskId, organisationId })),
    );
  }
}
