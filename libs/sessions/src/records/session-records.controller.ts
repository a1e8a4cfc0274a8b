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
  type Target,
  UpdateRoute,
} from '@app/platform';
import {
  CreateSessionRecordDto,
  ReorderSessionRecordsDto,
  SessionRecordDto,
  SessionRecordListDto,
  SessionRecordQueryDto,
  UpdateSessionRecordDto,
} from './dto/session-record.dto';
import { SESSION_RECORD } from './session-record.kind';
import { SessionRecordsService } from './session-records.service';

const READ = { roles: ANY_ROLE, scope: ['district'], kind: SESSION_RECORD } as const;
const WRITE = { roles: DEPARTMENT, response: SessionRecordDto };

/** `:id` is the session; `:recordId` the opinion or conclusion the request targets. */
@ApiResource('api/v1/working-sessions/:id/records', 'sessions')
export class SessionRecordsController {
  constructor(private readonly records: SessionRecordsService) {}

  @ListRoute('', {
    ...READ,
    summary: 'List a session’s opinions and conclusions, in order',
    item: SessionRecordDto,
  })
  listSessionRecords(
    @CurrentActor() actor: Actor,
    @IdParam() sessionId: string,
    @Query() query: SessionRecordQueryDto,
  ) {
    return this.records.list(actor, sessionId, query);
  }

  @GetRoute(':recordId', {
    ...READ,
    summary: 'One opinion or conclusion',
    response: SessionRecordDto,
  })
  getSessionRecord(@RequestTarget('recordId') target: Target, @IdParam() sessionId: string) {
    return this.records.get(target, sessionId);
  }

  @CreateRoute('', {
    ...WRITE,
    summary: 'Add an opinion or a conclusion (at the end, or at `order`)',
  })
  createSessionRecord(
    @CurrentActor() actor: Actor,
    @IdParam() sessionId: string,
    @Body() body: CreateSessionRecordDto,
  ) {
    return this.records.create(actor, sessionId, body);
  }

  @ActionRoute('reorder', {
    ...WRITE,
    summary: 'Put all of a session’s records in a new order, at the session’s version (If-Match)',
    response: SessionRecordListDto,
    ifMatch: 'required',
    body: 'required',
  })
  reorderSessionRecords(@RequestTarget() session: Target, @Body() body: ReorderSessionRecordsDto) {
    return this.records.reorder(session, body);
  }

  @UpdateRoute(':recordId', {
    ...WRITE,
    summary: 'Change an opinion or conclusion (its type, text or speaker)',
  })
  updateSessionRecord(
    @RequestTarget('recordId') target: Target,
    @IdParam() sessionId: string,
    @Body() body: UpdateSessionRecordDto,
  ) {
    return this.records.update(target, sessionId, body);
  }

  @DeleteRoute(':recordId', {
    ...WRITE,
    summary: 'Delete an opinion or conclusion; the later ones move up',
    responseDescription: 'The deleted record',
  })
  deleteSessionRecord(@RequestTarget('recordId') target: Target, @IdParam() sessionId: string) {
    return this.records.remove(target, sessionId);
  }
}
