import { Body, Query } from '@nestjs/common';
import {
  type Actor,
  ApiResource,
  CreateRoute,
  CurrentActor,
  IdParam,
  ListRoute,
  RequestTarget,
  type Target,
} from '@app/platform';
import { TASK_CONTRIBUTORS, TASK_READ } from '../tasks.controller';
import { CreateTaskUpdateDto, TaskUpdateDto, TaskUpdateQueryDto } from './dto/task-update.dto';
import { TASK_UPDATE } from './task-update.kind';
import { TaskUpdatesService } from './task-updates.service';

@ApiResource('api/v1/tasks/:id/updates', 'tasks')
export class TaskUpdatesController {
  constructor(private readonly updates: TaskUpdatesService) {}

  @ListRoute('', {
    ...TASK_READ,
    kind: TASK_UPDATE,
    summary: 'A task’s progress updates, newest first',
    item: TaskUpdateDto,
  })
  listTaskUpdates(
    @CurrentActor() actor: Actor,
    @IdParam() taskId: string,
    @Query() query: TaskUpdateQueryDto,
  ) {
    return this.updates.list(actor, taskId, query);
  }

  @CreateRoute('', {
    ...TASK_CONTRIBUTORS,
    kind: TASK_UPDATE,
    summary: 'Report progress on a task (a note and, optionally, the percentage done)',
    response: TaskUpdateDto,
  })
  createTaskUpdate(@RequestTarget() task: Target, @Body() body: CreateTaskUpdateDto) {
    return this.updates.create(task, body);
  }
}
