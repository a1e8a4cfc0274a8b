import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity } from '@app/platform';
import { TaskEntity } from '../task.entity';

/** A dated progress note on a task, with the percentage done when the reporter gives one. */
@Entity('task_update')
@Index('ix_task_update_task', ['taskId', 'createdAt'])
@Check('ck_task_update_percent', `percent IS NULL OR percent BETWEEN 0 AND 100`)
export class TaskUpdateEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'integer', nullable: true })
  percent: number | null;
}
