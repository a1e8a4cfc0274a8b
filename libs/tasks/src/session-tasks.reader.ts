import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReadContext } from '@app/platform';
import { SessionTaskDto, SessionTasks } from '@app/sessions';
import { isOverdue } from './task-overdue';
import { TaskEntity } from './task.entity';

/** The sessions module's view of tasks, answered from the task table. */
@Injectable()
export class SessionTasksReader extends SessionTasks {
  async ofSession({ manager, today }: ReadContext, sessionId: string): Promise<SessionTaskDto[]> {
    const tasks = await manager.find(TaskEntity, {
      where: { sourceSessionId: sessionId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return tasks.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      overdue: isOverdue(t, today),
      dueDate: t.dueDate,
      leadOrganisationId: t.leadOrganisationId,
      sourceRecordId: t.sourceRecordId,
    }));
  }

  countFromRecord(manager: EntityManager, recordId: string): Promise<number> {
    return manager.count(TaskEntity, { where: { sourceRecordId: recordId } });
  }
}

/** Global so the sessions module receives the port without importing this library. */
@Global()
@Module({
  providers: [{ provide: SessionTasks, useClass: SessionTasksReader }],
  exports: [SessionTasks],
})
export class SessionTasksModule {}
