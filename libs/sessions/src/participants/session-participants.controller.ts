import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
  CreateSessionParticipantDto,
  SessionParticipantDto,
  SessionParticipantQueryDto,
  UpdateSessionParticipantDto,
} from './dto/session-participant.dto';
import { SessionParticipantsService } from './session-participants.service';

@ApiTags('sessions')
@Controller('api/v1/working-sessions/:id/participants')
export class SessionParticipantsController {
  constructor(private readonly participants: SessionParticipantsService) {}

  @Get()
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({
    operationId: 'listSessionParticipants',
    summary: 'List a session’s participants, in the order they were added',
  })
  @ApiOkResponse({ type: PageOf(SessionParticipantDto) })
  @ApiProblems(400, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Query() query: SessionParticipantQueryDto,
  ) {
    return this.participants.list(actor, sessionId, query);
  }

  @Get(':participantId')
  @Allow(ANY_ROLE, 'district')
  @ApiOperation({ operationId: 'getSessionParticipant', summary: 'One participant of a session' })
  @ApiOkResponse({ type: SessionParticipantDto })
  @ApiProblems(400, 404)
  get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('participantId', uuidPipe('participantId')) id: string,
  ): Promise<SessionParticipantDto> {
    return this.participants.get(actor, sessionId, id);
  }

  @Post()
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'createSessionParticipant',
    summary: 'Add a participant (a person or an organisation) to a session',
  })
  @ApiCreatedResponse({ type: SessionParticipantDto })
  @ApiProblems(400, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Body() body: CreateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    return this.participants.create(actor, sessionId, body);
  }

  @Patch(':participantId')
  @Allow(DEPARTMENT)
  @ApiOperation({ operationId: 'updateSessionParticipant', summary: 'Change a participant' })
  @ApiOkResponse({ type: SessionParticipantDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('participantId', uuidPipe('participantId')) id: string,
    @IfMatchVersion() version: number,
    @Body() body: UpdateSessionParticipantDto,
  ): Promise<SessionParticipantDto> {
    return this.participants.update(actor, sessionId, id, version, body);
  }

  @Delete(':participantId')
  @Allow(DEPARTMENT)
  @ApiOperation({
    operationId: 'deleteSessionParticipant',
    summary: 'Remove a participant from a session',
  })
  @ApiOkResponse({ type: SessionParticipantDto, description: 'The removed participant' })
  @ApiProblems(400, 404, 409, 412, 428)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', uuidPipe('id')) sessionId: string,
    @Param('participantId', uuidPipe('participantId')) id: string,
    @IfMatchVersion() version: number,
  ): Promise<SessionParticipantDto> {
    return this.participants.remove(actor, sessionId, id, version);
  }
}
