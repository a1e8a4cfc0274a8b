import { Module } from '@nestjs/common';
import { registerRecordType } from '@app/platform';
import { RegistryModule } from '@app/registry';
import { SessionsModule } from '@app/sessions';
import { SessionsDemoSeeder } from './demo/sessions-demo';
import { SessionTasksModule } from './session-tasks.reader';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TaskUpdatesController } from './updates/task-updates.controller';
import { TaskUpdatesService } from './updates/task-updates.service';

registerRecordType('task', 'task');

/** Follow-up tasks and their progress; also the sessions demo data, which ends in tasks. */
@Module({
  imports: [RegistryModule, SessionsModule, SessionTasksModule],
  controllers: [TasksController, TaskUpdatesController],
  providers: [TasksService, TaskUpdatesService, SessionsDemoSeeder],
  exports: [TasksService, TaskUpdatesService, SessionsDemoSeeder],
})
export class TasksModule {}
