import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  Allow,
  ANY_ROLE,
  ApiProblems,
  CurrentActor,
  DEPARTMENT,
  IfMatchVersion,
  PageOf,
  type Role,
  uuidPipe,
} from '@app/platform';
import { CreateTaskDto, TaskActionDto, TaskDto, TaskQueryDto, UpdateTaskDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

/** Who moves a task forward: the Department, and unit staff on the tasks their unit leads. */
export const TASK_PROGRESS_REPORTERS: readonly Role[] = [...DEPARTMENT, 'unit_staff'];

/**
 * Tasks are read by every role (district officers: tasks of sessions hosted in their district),
 * assigned and cancelled by the Department, and carried out by the lead unit.
 */
@ApiTags('tasks')
@Controller('api/v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'listTasks', summary: 'List follow-up tasks' })
  @ApiOkResponse({ type: PageOf(TaskDto) })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto) {
    return this.tasks.list(actor, query);
  }

  @Get(':id')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'getTask', summary: 'One task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404)
  get(@CurrentActor() actor: Actor, @Param('id', uuidPipe('id')) id: string): Promise<TaskDto> {
    return this.tasks.get(actor, id);
  }

  @Post()
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'createTask', summary: 'Assign a task' })
  @ApiCreatedResponse({ type: TaskDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTaskDto): Promise<TaskDto> {
    return this.tasks.create(actor, body);
  }

  @Patch(':id')
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'updateTask', summary: 'Change a task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskDto> {
    return this.tasks.update(actor, id, version, body);
  }

  @Delete(':id')
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'deleteTask', summary: 'Delete (hide) a task' })
  @ApiOkResponse({ type: TaskDto, description: 'The deleted task; restore it with its ETag' })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<TaskDto> {
    return this.tasks.remove(actor, id, version);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'restoreTask', summary: 'Bring back a deleted task' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<TaskDto> {
    return this.tasks.restore(actor, id, version);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Allow(TASK_PROGRESS_REPORTERS, 'lead_organisation')
  @ApiOperation({ operationId: 'startTask', summary: 'Start work on a task (open → in_progress)' })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  start(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: TaskActionDto,
  ): Promise<TaskDto> {
    return this.tasks.act(actor, id, version, 'start', body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(TASK_PROGRESS_REPORTERS, 'lead_organisation')
  @ApiOperation({
    operationId: 'completeTask',
    summary: 'Complete a task; needs a note (open or in_progress → done)',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: TaskActionDto,
  ): Promise<TaskDto> {
    return this.tasks.act(actor, id, version, 'complete', body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'cancelTask',
    summary: 'Cancel a task; needs a reason (open or in_progress → cancelled)',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: TaskActionDto,
  ): Promise<TaskDto> {
    return this.tasks.act(actor, id, version, 'cancel', body);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'reopenTask',
    summary: 'Reopen a done or cancelled task (→ open)',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems(400, 404, 409, 412, 428)
  reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: TaskActionDto,
  ): Promise<TaskDto> {
    return this.tasks.act(actor, id, version, 'reopen', body);
  }
}
