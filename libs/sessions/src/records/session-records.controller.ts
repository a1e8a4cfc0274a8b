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
  CreateSessionRecordDto,
  ReorderSessionRecordsDto,
  SessionRecordDto,
  SessionRecordListDto,
  SessionRecordQueryDto,
  UpdateSessionRecordDto,
} from './dto/session-record.dto';
import { SessionRecordsService } from './session-records.service';

@ApiTags('sessions')
@Controller('api/v1/working-sessions/:id/records')
export class SessionRecordsController {
  constructor(private readonly records: SessionRecordsService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({
    operationId: 'listSessionRecords',
    summary: 'List a session’s opinions and conclusions, in order',
  })
  @ApiOkResponse({ type: PageOf(SessionRecordDto) })
  @ApiProblems(400, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Query() query: SessionRecordQueryDto,
  ) {
    return this.records.list(actor, sessionId, query);
  }

  @Get(':recordId')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'getSessionRecord', summary: 'One opinion or conclusion' })
  @ApiOkResponse({ type: SessionRecordDto })
  @ApiProblems(400, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('recordId', uuidPipe('recordId')) id: string,
  ): Promise<SessionRecordDto> {
    return this.records.get(actor, sessionId, id);
  }

  @Post()
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'createSessionRecord',
    summary: 'Add an opinion or a conclusion (at the end, or at `order`)',
  })
  @ApiCreatedResponse({ type: SessionRecordDto })
  @ApiProblems(400, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Body() body: CreateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    return this.records.create(actor, sessionId, body);
  }

  @Post('reorder')
  @HttpCode(200)
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'reorderSessionRecords',
    summary: 'Put all of a session’s records in a new order',
  })
  @ApiOkResponse({ type: SessionRecordListDto })
  @ApiProblems(400, 404, 409)
  reorder(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Body() body: ReorderSessionRecordsDto,
  ): Promise<SessionRecordListDto> {
    return this.records.reorder(actor, sessionId, body);
  }

  @Patch(':recordId')
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'updateSessionRecord',
    summary: 'Change an opinion or conclusion (its type, text or speaker)',
  })
  @ApiOkResponse({ type: SessionRecordDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('recordId', uuidPipe('recordId')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateSessionRecordDto,
  ): Promise<SessionRecordDto> {
    return this.records.update(actor, sessionId, id, version, body);
  }

  @Delete(':recordId')
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'deleteSessionRecord',
    summary: 'Delete an opinion or conclusion; the later ones move up',
  })
  @ApiOkResponse({ type: SessionRecordDto, description: 'The deleted record' })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('recordId', uuidPipe('recordId')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<SessionRecordDto> {
    return this.records.remove(actor, sessionId, id, version);
  }
}
