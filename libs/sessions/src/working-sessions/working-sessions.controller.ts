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
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateWorkingSessionDto,
  SessionActionDto,
  UpdateWorkingSessionDto,
  WorkingSessionDetailDto,
  WorkingSessionDto,
  WorkingSessionQueryDto,
} from './dto/working-session.dto';
import { WORKING_SESSION } from './working-session.kind';
import { WorkingSessionsService } from './working-sessions.service';

/** Every role reads (district officers: sessions hosted in their district); the Department writes. */
const READ = { roles: ANY_ROLE, scope: ['district'], kind: WORKING_SESSION } as const;
const WRITE = { roles: DEPARTMENT, response: WorkingSessionDto };

@ApiResource('api/v1/working-sessions', 'sessions')
export class WorkingSessionsController {
  constructor(private readonly sessions: WorkingSessionsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List working sessions',
    item: WorkingSessionDto,
    deletedFor: DEPARTMENT,
  })
  listWorkingSessions(@CurrentActor() actor: Actor, @Query() query: WorkingSessionQueryDto) {
    return this.sessions.list(actor, query);
  }

  @GetRoute(':id', {
    ...READ,
    summary: 'One working session with its participants, records and tasks',
    response: WorkingSessionDetailDto,
  })
  getWorkingSession(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.sessions.view(actor, id);
  }

  @CreateRoute('', { ...WRITE, summary: 'Record a working session' })
  createWorkingSession(@CurrentActor() actor: Actor, @Body() body: CreateWorkingSessionDto) {
    return this.sessions.create(actor, body);
  }

  @UpdateRoute(':id', { ...WRITE, summary: 'Change a working session' })
  updateWorkingSession(@RequestTarget() target: Target, @Body() body: UpdateWorkingSessionDto) {
    return this.sessions.update(target, body);
  }

  @DeleteRoute(':id', { ...WRITE, summary: 'Delete (hide) a working session' })
  deleteWorkingSession(@RequestTarget() target: Target) {
    return this.sessions.remove(target);
  }

  @RestoreRoute(':id/restore', { ...WRITE, summary: 'Bring back a deleted working session' })
  restoreWorkingSession(@RequestTarget() target: Target) {
    return this.sessions.restore(target);
  }

  @ActionRoute(':id/hold', { ...WRITE, summary: 'Mark a planned session as held (planned → held)' })
  holdWorkingSession(@RequestTarget() target: Target, @Body() body: SessionActionDto) {
    return this.sessions.act(target, 'hold', body);
  }

  @ActionRoute(':id/close', {
    ...WRITE,
    summary: 'Close a held session: its minutes become read-only (held → closed)',
  })
  closeWorkingSession(@RequestTarget() target: Target, @Body() body: SessionActionDto) {
    return this.sessions.act(target, 'close', body);
  }

  @ActionRoute(':id/reopen', {
    ...WRITE,
    summary: 'Reopen closed minutes to correct them; needs a reason (closed → held)',
  })
  reopenWorkingSession(@RequestTarget() target: Target, @Body() body: SessionActionDto) {
    return this.sessions.act(target, 'reopen', body);
  }

  @ActionRoute(':id/cancel', {
    ...WRITE,
    summary: 'Cancel a planned session; needs a reason (planned → cancelled)',
  })
  cancelWorkingSession(@RequestTarget() target: Target, @Body() body: SessionActionDto) {
    return this.sessions.act(target, 'cancel', body);
  }
}
