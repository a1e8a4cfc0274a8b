import { Body, Query } from '@nestjs/common';
import {
  ActionRoute,
  type Actor,
  ANY_ROLE,
  ApiResource,
  CreateRoute,
  CurrentActor,
  DeleteRoute,
  DEPARTMENT,
  GetRoute,
  IdParam,
  ListRoute,
  RequestTarget,
  RestoreRoute,
  type Role,
  type Target,
  UpdateRoute,
} from '@app/platform';
import { CreateTaskDto, TaskActionDto, TaskDto, TaskQueryDto, UpdateTaskDto } from './dto/task.dto';
import { TASK } from './task.kind';
import { TasksService } from './tasks.service';

/** Every role reads (district officers: tasks of sessions hosted in their district). */
export const TASK_READ = { roles: ANY_ROLE, scope: ['district'], kind: TASK } as const;
/** Who moves a task forward: the Department, and unit staff on the tasks their unit leads. */
export const TASK_PROGRESS = {
  roles: [...DEPARTMENT, 'unit_staff'] as readonly Role[],
  scope: ['lead_organisation'],
  kind: TASK,
} as const;
/** Who reports progress: also the staff of a co-operating unit. */
export const TASK_CONTRIBUTORS = { ...TASK_PROGRESS, scope: ['involved_organisation'] } as const;
const PROGRESS = { ...TASK_PROGRESS, response: TaskDto };
const WRITE = { roles: DEPARTMENT, response: TaskDto };

@ApiResource('api/v1/tasks', 'tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ListRoute('', {
    ...TASK_READ,
    summary: 'List follow-up tasks',
    item: TaskDto,
    deletedFor: DEPARTMENT,
  })
  listTasks(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto) {
    return this.tasks.list(actor, query);
  }

  @GetRoute(':id', { ...TASK_READ, summary: 'One task', response: TaskDto })
  getTask(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.tasks.get(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Assign a task' })
  createTask(@CurrentActor() actor: Actor, @Body() body: CreateTaskDto) {
    return this.tasks.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change a task' })
  updateTask(@RequestTarget() target: Target, @Body() body: UpdateTaskDto) {
    return this.tasks.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) a task' })
  deleteTask(@RequestTarget() target: Target) {
    return this.tasks.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted task' })
  restoreTask(@RequestTarget() target: Target) {
    return this.tasks.restore(target);
  }

  @ActionRoute(':id/start', { ...PROGRESS, summary: 'Start work on a task (open → in_progress)' })
  startTask(@RequestTarget() target: Target, @Body() body: TaskActionDto) {
    return this.tasks.act(target, 'start', body);
  }

  @ActionRoute(':id/complete', {
    ...PROGRESS,
    summary: 'Complete a task; needs a note (open or in_progress → done)',
  })
  completeTask(@RequestTarget() target: Target, @Body() body: TaskActionDto) {
    return this.tasks.act(target, 'complete', body);
  }

  @ActionRoute(':id/cancel', {
    ...WRITE,
    summary: 'Cancel a task; needs a reason (open or in_progress → cancelled)',
  })
  cancelTask(@RequestTarget() target: Target, @Body() body: TaskActionDto) {
    return this.tasks.act(target, 'cancel', body);
  }

  @ActionRoute(':id/reopen', { ...WRITE, summary: 'Reopen a done or cancelled task (→ open)' })
  reopenTask(@RequestTarget() target: Target, @Body() body: TaskActionDto) {
    return this.tasks.act(target, 'reopen', body);
  }
}
