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
  uuidPipe,
} from '@app/platform';
import {
  CreateWorkingSessionDto,
  SessionActionDto,
  UpdateWorkingSessionDto,
  WorkingSessionDetailDto,
  WorkingSessionDto,
  WorkingSessionQueryDto,
} from './dto/working-session.dto';
import { WorkingSessionsService } from './working-sessions.service';

/**
 * Sessions are read by every role (district officers: those hosted in their district or its
 * communes) and recorded by the Department.
 */
@ApiTags('sessions')
@Controller('api/v1/working-sessions')
export class WorkingSessionsController {
  constructor(private readonly sessions: WorkingSessionsService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'listWorkingSessions', summary: 'List working sessions' })
  @ApiOkResponse({ type: PageOf(WorkingSessionDto) })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: WorkingSessionQueryDto) {
    return this.sessions.list(actor, query);
  }

  @Get(':id')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({
    operationId: 'getWorkingSession',
    summary: 'One working session with its participants, records and tasks',
  })
  @ApiOkResponse({ type: WorkingSessionDetailDto })
  @ApiProblems(400, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
  ): Promise<WorkingSessionDetailDto> {
    return this.sessions.view(actor, id);
  }

  @Post()
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'createWorkingSession', summary: 'Record a working session' })
  @ApiCreatedResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 409)
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateWorkingSessionDto,
  ): Promise<WorkingSessionDto> {
    return this.sessions.create(actor, body);
  }

  @Patch(':id')
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'updateWorkingSession', summary: 'Change a working session' })
  @ApiOkResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateWorkingSessionDto,
  ): Promise<WorkingSessionDto> {
    return this.sessions.update(actor, id, version, body);
  }

  @Delete(':id')
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'deleteWorkingSession', summary: 'Delete (hide) a working session' })
  @ApiOkResponse({
    type: WorkingSessionDto,
    description: 'The deleted session; restore it with its ETag',
  })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<WorkingSessionDto> {
    return this.sessions.remove(actor, id, version);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'restoreWorkingSession',
    summary: 'Bring back a deleted working session',
  })
  @ApiOkResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 404, 409, 412, 428)
  restore(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<WorkingSessionDto> {
    return this.sessions.restore(actor, id, version);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'holdWorkingSession',
    summary: 'Mark a planned session as held (planned → held)',
  })
  @ApiOkResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 404, 409, 412, 428)
  hold(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: SessionActionDto,
  ): Promise<WorkingSessionDto> {
    return this.sessions.act(actor, id, version, 'hold', body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'closeWorkingSession',
    summary: 'Close a held session: its minutes become read-only (held → closed)',
  })
  @ApiOkResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 404, 409, 412, 428)
  close(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: SessionActionDto,
  ): Promise<WorkingSessionDto> {
    return this.sessions.act(actor, id, version, 'close', body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'cancelWorkingSession',
    summary: 'Cancel a planned session; needs a reason (planned → cancelled)',
  })
  @ApiOkResponse({ type: WorkingSessionDto })
  @ApiProblems(400, 404, 409, 412, 428)
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: SessionActionDto,
  ): Promise<WorkingSessionDto> {
    return this.sessions.act(actor, id, version, 'cancel', body);
  }
}
