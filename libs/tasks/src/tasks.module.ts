import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { SessionsModule } from '@app/sessions';
import { SessionTasksModule } from './session-tasks.reader';
import { TASK } from './task.kind';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TaskUpdatesController } from './updates/task-updates.controller';
import { TaskUpdatesService } from './updates/task-updates.service';

registerRecordKind(TASK);

/** Follow-up tasks and their progress. */
@Module({
  imports: [RegistryModule, SessionsModule, SessionTasksModule],
  controllers: [TasksController, TaskUpdatesController],
  providers: [TasksService, TaskUpdatesService],
  exports: [TasksService, TaskUpdatesService],
})
export class TasksModule {}
