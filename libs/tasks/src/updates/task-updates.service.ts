import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ConflictError,
  Page,
  paginate,
  RecordWriter,
  RequestValidationError,
  type Target,
} from '@app/platform';
import { TASK } from '../task.kind';
import { isActiveTask } from '../task-status';
import {
  CreateTaskUpdateDto,
  TASK_UPDATE_SORT,
  TaskUpdateDto,
  TaskUpdateQueryDto,
} from './dto/task-update.dto';
import { TASK_UPDATE, toTaskUpdateDtos } from './task-update.kind';
import { TaskUpdateEntity } from './task-update.entity';

/**
 * Progress updates: dated notes with an optional percentage. A percentage becomes the task's
 * `percent`, and it never goes down unless the task was reopened since the last one.
 */
@Injectable()
export class TaskUpdatesService {
  constructor(private readonly writer: RecordWriter) {}

  async list(
    actor: Actor,
    taskId: string,
    query: TaskUpdateQueryDto,
  ): Promise<Page<TaskUpdateDto>> {
    await this.writer.find(actor, TASK, taskId);
    const qb = this.writer.query(actor, TASK_UPDATE).andWhere('r.taskId = :taskId', { taskId });
    const page = await paginate(qb, query, TASK_UPDATE_SORT);
    return { ...page, items: await toTaskUpdateDtos(this.writer.context().manager, page.items) };
  }

  /**
   * Posts progress on an open or in-progress task: the update is created under its locked task,
   * and the task changes (a new version, audited as `progress`) when its percentage or the floor
   * of the next one does.
   */
  async create({ actor, id: taskId }: Target, body: CreateTaskUpdateDto): Promise<TaskUpdateDto> {
    return this.writer.run(actor, async (tx) => {
      const task = await tx.lock(TASK, taskId);
      if (!isActiveTask(task.status)) {
        throw new ConflictError(
          `Progress is reported on open or in-progress tasks; “${task.title}” is ${task.status} (reopen it first)`,
        );
      }
      const percent = body.percent ?? null;
      if (percent !== null && percent < task.percentFloor) {
        throw RequestValidationError.field(
          'percent',
          `cannot go down from ${task.percentFloor}% unless the task is reopened`,
        );
      }
      const update = await tx.insert(
        TASK_UPDATE,
        tx.manager.create(TaskUpdateEntity, { taskId, note: body.note, percent }),
      );
      if (percent !== null) {
        await tx.change(
          TASK,
          task,
          (t) => {
            t.percent = percent;
            t.percentFloor = percent;
          },
          { action: 'progress' },
        );
      }
      return update;
    });
  }
}
