import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Allow,
  ANY_ROLE,
  ApiProblems,
  CurrentActor,
  PageOf,
  uuidPipe,
} from '@app/platform';
import { TASK_PROGRESS_REPORTERS } from '../tasks.controller';
import { CreateTaskUpdateDto, TaskUpdateDto, TaskUpdateQueryDto } from './dto/task-update.dto';
import { TaskUpdatesService } from './task-updates.service';

@ApiTags('tasks')
@Controller('api/v1/tasks/:id/updates')
export class TaskUpdatesController {
  constructor(private readonly updates: TaskUpdatesService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({
    operationId: 'listTaskUpdates',
    summary: 'A task’s progress updates, newest first',
  })
  @ApiOkResponse({ type: PageOf(TaskUpdateDto) })
  @ApiProblems(400, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) taskId: string,
    @Query() query: TaskUpdateQueryDto,
  ) {
    return this.updates.list(actor, taskId, query);
  }

  @Post()
  @Allow(TASK_PROGRESS_REPORTERS, 'lead_organisation')
  @ApiOperation({
    operationId: 'createTaskUpdate',
    summary: 'Report progress on a task (a note and, optionally, the percentage done)',
  })
  @ApiCreatedResponse({ type: TaskUpdateDto })
  @ApiProblems(400, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) taskId: string,
    @Body() body: CreateTaskUpdateDto,
  ): Promise<TaskUpdateDto> {
    return this.updates.create(actor, taskId, body);
  }
}
