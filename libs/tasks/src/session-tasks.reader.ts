import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { FollowUpTaskDto, FollowUpTasks, type ReadContext } from '@app/platform';
import { RegistryRefs } from '@app/registry';
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
    const refs = await RegistryRefs.load(manager, {
      organisations: tasks.map((t) => t.leadOrganisationId),
    });
    return tasks.map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      overdue: isOverdue(t, today),
      dueDate: t.dueDate,
      leadOrganisationId: t.leadOrganisationId,
      leadOrganisationName: refs.organisation(t.leadOrganisationId).name,
      sourceRecordId: t.sourceRecordId,
    }));
  }

  countFromRecord(manager: EntityManager, recordId: string): Promise<number> {
    return manager.count(TaskEntity, { where: { sourceRecordId: recordId } });
  }
}

/** The tasks about records of other modules (an enterprise, a project), from the task table. */
@Injectable()
export class FollowUpTasksReader extends FollowUpTasks {
  async about(
    { manager, today }: ReadContext,
    subjectType: string,
    subjectIds: string[],
  ): Promise<Map<string, FollowUpTaskDto[]>> {
    const bySubject = new Map<string, FollowUpTaskDto[]>();
    if (subjectIds.length === 0) return bySubject;
    const tasks = await manager.find(TaskEntity, {
      where: { subjectType, subjectId: In(subjectIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const refs = await RegistryRefs.load(manager, {
      organisations: tasks.map((t) => t.leadOrganisationId),
    });
    for (const t of tasks) {
      const list = bySubject.get(t.subjectId!) ?? [];
      list.push({
        id: t.id,
        title: t.title,
        status: t.status,
        dueDate: t.dueDate,
        overdue: isOverdue(t, today),
        leadOrganisationId: t.leadOrganisationId,
        leadOrganisationName: refs.organisation(t.leadOrganisationId).name,
      });
      bySubject.set(t.subjectId!, list);
    }
    return bySubject;
  }
}

/** Global so the sessions and other modules receive the ports without importing this library. */
@Global()
@Module({
  providers: [
    { provide: SessionTasks, useClass: SessionTasksReader },
    { provide: FollowUpTasks, useClass: FollowUpTasksReader },
  ],
  exports: [SessionTasks, FollowUpTasks],
})
export class SessionTasksModule {}
