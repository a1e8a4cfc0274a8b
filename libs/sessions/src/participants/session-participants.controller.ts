import { Body, Query } from '@nestjs/common';
import {
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
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateSessionParticipantDto,
  SessionParticipantDto,
  SessionParticipantQueryDto,
  UpdateSessionParticipantDto,
} from './dto/session-participant.dto';
import { SESSION_PARTICIPANT } from './session-participant.kind';
import { SessionParticipantsService } from './session-participants.service';

const READ = { roles: ANY_ROLE, scope: ['district'], kind: SESSION_PARTICIPANT } as const;
const WRITE = { roles: DEPARTMENT, response: SessionParticipantDto };

/** `:id` is the session; `:participantId` the participant the request targets. */
@ApiResource('api/v1/working-sessions/:id/participants', 'sessions')
export class SessionParticipantsController {
  constructor(private readonly participants: SessionParticipantsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List a session’s participants, in the order they were added',
    item: SessionParticipantDto,
  })
  listSessionParticipants(
    @CurrentActor() actor: Actor,
    @IdParam() sessionId: string,
    @Query() query: SessionParticipantQueryDto,
  ) {
    return this.participants.list(actor, sessionId, query);
  }

  @GetRoute(':participantId', {
    ...READ,
    summary: 'One participant of a session',
    response: SessionParticipantDto,
  })
  getSessionParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() sessionId: string,
  ) {
    return this.participants.get(target, sessionId);
  }

  @CreateRoute('', {
    ...WRITE,
    summary: 'Add a participant (a person or an organisation) to a session',
  })
  createSessionParticipant(
    @CurrentActor() actor: Actor,
    @IdParam() sessionId: string,
    @Body() body: CreateSessionParticipantDto,
  ) {
    return this.participants.create(actor, sessionId, body);
  }

  @UpdateRoute(':participantId', { ...WRITE, summary: 'Change a participant' })
  updateSessionParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() sessionId: string,
    @Body() body: UpdateSessionParticipantDto,
  ) {
    return this.participants.update(target, sessionId, body);
  }

  @DeleteRoute(':participantId', {
    ...WRITE,
    summary: 'Remove a participant from a session',
    responseDescription: 'The removed participant',
  })
  deleteSessionParticipant(
    @RequestTarget('participantId') target: Target,
    @IdParam() sessionId: string,
  ) {
    return this.participants.remove(target, sessionId);
  }
}
