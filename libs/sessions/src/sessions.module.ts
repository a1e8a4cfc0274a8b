import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { SessionParticipantsController } from './participants/session-participants.controller';
import { SessionParticipantsService } from './participants/session-participants.service';
import { SessionRecordsController } from './records/session-records.controller';
import { SessionRecordsService } from './records/session-records.service';
import { WORKING_SESSION } from './working-sessions/working-session.kind';
import { WorkingSessionsController } from './working-sessions/working-sessions.controller';
import { WorkingSessionsService } from './working-sessions/working-sessions.service';

registerRecordKind(WORKING_SESSION);

/**
 * Working sessions, their participants, opinions and conclusions. The tasks module provides the
 * `SessionTasks` port the session view and record deletion use.
 */
@Module({
  imports: [RegistryModule],
  controllers: [WorkingSessionsController, SessionParticipantsController, SessionRecordsController],
  providers: [WorkingSessionsService, SessionParticipantsService, SessionRecordsService],
  exports: [WorkingSessionsService, SessionParticipantsService, SessionRecordsService],
})
export class SessionsModule {}
