import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { OrganisationEntity, PersonEntity } from '@app/registry';
import { SessionRecordEntity, WorkingSessionEntity } from '@app/sessions';

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * A follow-up task: what a session concluded (or any other assignment), given to a lead unit with
 * co-operating units and a due date. `overdue` is never stored: it depends on today in Viet Nam.
 */
@Entity('task')
@Index('ix_task_lead_status_due', ['leadOrganisationId', 'status', 'dueDate'])
@Index('ix_task_status_due', ['status', 'dueDate'])
@Index('ix_task_due_date', ['dueDate'])
@Index('ix_task_source_session', ['sourceSessionId', 'createdAt'])
@Index('ix_task_source_record', ['sourceRecordId'])
@Index('ix_task_subject', ['subjectType', 'subjectId'])
@Index('ix_task_assigned_by', ['assignedByPersonId'])
@Index('ix_task_created_at', ['createdAt'])
@Index('ix_task_search', { synchronize: false })
// The list's default order over live tasks, without and with a status (migration ListIndexes)
// or a priority (migration TaskPriorityIndex).
@Index('ix_task_live_due', { synchronize: false })
@Index('ix_task_live_status_due', { synchronize: false })
@Index('ix_task_live_priority_due', { synchronize: false })
@Check('ck_task_status', sqlIn('status', TASK_STATUSES))
@Check('ck_task_priority', sqlIn('priority', TASK_PRIORITIES))
@Check('ck_task_percent', `percent IS NULL OR percent BETWEEN 0 AND 100`)
@Check('ck_task_percent_floor', `percent_floor BETWEEN 0 AND 100`)
@Check('ck_task_source', `source_record_id IS NULL OR source_session_id IS NOT NULL`)
@Check('ck_task_subject', `(subject_type IS NULL) = (subject_id IS NULL)`)
export class TaskEntity extends TrackedEntity {
  @Column({ type: 'text', collation: VIETNAMESE })
  title: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'f_search_key(title)',
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The unit in charge (đơn vị chủ trì); its unit staff may start and complete the task. */
  @Column({ type: 'uuid' })
  leadOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_organisation_id' })
  leadOrganisation?: OrganisationEntity;

  /** Who gave the task (e.g. the delegation head). */
  @Column({ type: 'uuid', nullable: true })
  assignedByPersonId: string | null;

  @ManyToOne(() => PersonEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by_person_id' })
  assignedByPerson?: PersonEntity | null;

  /** Calendar date in Viet Nam; none means the task is never overdue. */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: 'normal' })
  priority: TaskPriority;

  @Column({ type: 'uuid', nullable: true })
  sourceSessionId: string | null;

  @ManyToOne(() => WorkingSessionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_session_id' })
  sourceSession?: WorkingSessionEntity | null;

  /** The conclusion of the source session it comes from. */
  @Column({ type: 'uuid', nullable: true })
  sourceRecordId: string | null;

  @ManyToOne(() => SessionRecordEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_record_id' })
  sourceRecord?: SessionRecordEntity | null;

  /** What the task concerns, any registered record type (an enterprise, a project, …). */
  @Column({ type: 'text', nullable: true })
  subjectType: string | null;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  /** The latest progress reported, 0–100. */
  @Column({ type: 'integer', nullable: true })
  percent: number | null;

  /** The lowest percent the next progress update may report: the latest one, or 0 after a reopen. */
  @Column({ type: 'integer', default: 0 })
  percentFloor: number;

  /** Required by `complete`. */
  @Column({ type: 'text', nullable: true })
  completionNote: string | null;

  /** Required by `cancel`. */
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** The note given with the latest status action. */
  @Column({ type: 'text', nullable: true })
  statusNote: string | null;

  /** When it was completed (the app's clock); cleared by `reopen`. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** A co-operating unit of a task (đơn vị phối hợp). */
@Entity('task_co_organisation')
@Index('ix_task_co_organisation_organisation', ['organisationId'])
export class TaskCoOrganisationEntity {
  @PrimaryColumn({ type: 'uuid' })
  taskId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
}
