import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  AuditService,
  ConflictError,
  Page,
  paginate,
  recordFields,
  RecordWriter,
  RequestValidationError,
  Transactions,
} from '@app/platform';
import { TasksService } from '../tasks.service';
import { isActiveTask } from '../task-status';
import { TaskEntity } from '../task.entity';
import { CreateTaskUpdateDto, TaskUpdateDto, TaskUpdateQueryDto } from './dto/task-update.dto';
import { TaskUpdateEntity } from './task-update.entity';

const SORT = { createdAt: 'r.createdAt' };

export function toTaskUpdateDto(u: TaskUpdateEntity): TaskUpdateDto {
  return {
    ...recordFields(u),
    taskId: u.taskId,
    note: u.note,
    percent: u.percent,
    authorId: u.createdBy,
  };
}

/**
 * Progress updates: dated notes with an optional percentage. A percentage becomes the task's
 * `percent`, and it never goes down unless the task was reopened since the last one.
 */
@Injectable()
export class TaskUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly tasks: TasksService,
  ) {}

  async list(
    actor: Actor,
    taskId: string,
    query: TaskUpdateQueryDto,
  ): Promise<Page<TaskUpdateDto>> {
    const manager = this.dataSource.manager;
    await this.writer.find(manager, this.tasks.kinds.task, actor, taskId);
    const qb = manager
      .createQueryBuilder(TaskUpdateEntity, 'r')
      .where('r.taskId = :taskId', { taskId });
    const page = await paginate(qb, query, SORT, '-createdAt');
    return { ...page, items: page.items.map(toTaskUpdateDto) };
  }

  /** Posts progress on an open or in-progress task; audited as the update's `create` and, when the percentage moves, the task's `progress`. */
  async create(
    actor: Actor | null,
    taskId: string,
    body: CreateTaskUpdateDto,
  ): Promise<TaskUpdateDto> {
    const kind = this.tasks.kinds.taskLedByCaller;
    return this.transactions.run(async (manager) => {
      const task = await this.writer.find(manager, kind, actor, taskId, { lock: true });
      if (!isActiveTask(task.status)) {
        throw new ConflictError(
          `Progress is reported on open or in-progress tasks; this one is ${task.status} (reopen it first)`,
        );
      }
      const percent = body.percent ?? null;
      if (percent !== null && percent < task.percentFloor) {
        throw RequestValidationError.field(
          'percent',
          `cannot go down from ${task.percentFloor}% unless the task is reopened`,
        );
      }
      const update = manager.create(TaskUpdateEntity, {
        taskId,
        note: body.note,
        percent,
        createdBy: actor?.userId ?? null,
        updatedBy: actor?.userId ?? null,
      });
      await manager.save(update);
      const dto = toTaskUpdateDto(update);
      await this.audit.record(manager, actor, {
        entityType: 'task_update',
        entityId: update.id,
        action: 'create',
        after: dto,
      });
      // The task changes (a new version, audited as `progress`) only when its percentage does;
      // the same percentage again after a reopen only raises the floor back.
      if (percent !== null && percent !== task.percent) {
        const before = await kind.toDto(task, manager);
        task.percent = percent;
        task.percentFloor = percent;
        task.updatedBy = actor?.userId ?? null;
        await manager.save(task);
        const after = await kind.toDto(
          await this.writer.find(manager, kind, null, taskId),
          manager,
        );
        await this.audit.record(manager, actor, {
          entityType: kind.entityType,
          entityId: taskId,
          action: 'progress',
          before,
          after,
        });
      } else if (percent !== null && percent !== task.percentFloor) {
        await manager.update(TaskEntity, { id: taskId }, { percentFloor: percent });
      }
      return dto;
    });
  }
}
