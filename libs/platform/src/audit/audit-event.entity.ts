import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change to one record: who, when, what, and the record before and after. Never updated. */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entityType', 'entityId', 'seq'])
@Index('ix_audit_event_seq', ['seq'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Order of writing: events of one transaction share `at`, and this keeps them in order. */
  @Column({ type: 'bigint', select: false })
  @Generated('increment')
  seq: string;

  /** The transaction's time, so every event of one change carries the same instant. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The user who made the change; null for the system (CLI imports, first start). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'uuid' })
  entityId: string;

  /** `create`, `update`, `delete`, `restore`, or a status action's name. */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  /** The request id (also in the logs), to find the request that made the change. */
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
