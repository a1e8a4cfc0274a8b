export * from './tasks.module';
export * from './task.entity';
export * from './task.kind';
export * from './task-status';
export * from './task-overdue';
export * from './task.mapper';
export * from './tasks.service';
export * from './dto/task.dto';
export * from './updates/task-update.entity';
export * from './updates/task-update.kind';
export * from './updates/task-updates.service';
export * from './updates/dto/task-update.dto';
export * from './session-tasks.reader';

import { TaskCoOrganisationEntity, TaskEntity } from './task.entity';
import { TaskUpdateEntity } from './updates/task-update.entity';

export const TASKS_ENTITIES = [TaskEntity, TaskCoOrganisationEntity, TaskUpdateEntity];
