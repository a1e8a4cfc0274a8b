import { AdminUnitEntity } from '@app/registry';
import { sqlArrayWithin, sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

export const SESSION_KINDS = ['working_visit', 'briefing', 'review_conference', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * What a session discussed, a fixed list (DOMAIN.md): `intellectual_property` (sở hữu trí tuệ),
 * `st_enterprises` (doanh nghiệp KH&CN), `agriculture_technology` (ứng dụng tiến bộ KH&CN vào
 * nông nghiệp, sản xuất), `research_development` (nghiên cứu khoa học, phát triển công nghệ),
 * `technology_innovation` (đổi mới công nghệ), `standards_quality` (tiêu chuẩn, đo lường, chất
 * lượng), `ip_programme` (Chương trình phát triển tài sản trí tuệ), `technology_innovation_programme`
 * (Chương trình đổi mới công nghệ), `other`.
 */
export const SESSION_TOPICS = [
  'intellectual_property',
  'st_enterprises',
  'agriculture_technology',
  'research_development',
  'technology_innovation',
  'standards_quality',
  'ip_programme',
  'technology_innovation_programme',
  'other',
] as const;
export type SessionTopic = (typeof SESSION_TOPICS)[number];

export const SESSION_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A working session, briefing or review conference the Department held with a district or commune. */
@Entity('working_session')
@Index('ix_working_session_starts_at', ['startsAt'])
@Index('ix_working_session_host_starts_at', ['hostAdminUnitId', 'startsAt'])
@Index('ix_working_session_reporting_year', ['reportingYear', 'startsAt'])
@Index('ix_working_session_status_starts_at', ['status', 'startsAt'])
@Index('ix_working_session_search', { synchronize: false })
// The list's default order over live records (migration ListIndexes).
@Index('ix_working_session_live_starts_at', { synchronize: false })
@Check('ck_working_session_kind', sqlIn('kind', SESSION_KINDS))
@Check('ck_working_session_status', sqlIn('status', SESSION_STATUSES))
@Check('ck_working_session_topics', sqlArrayWithin('topics', SESSION_TOPICS))
@Check('ck_working_session_reporting_year', `reporting_year BETWEEN 2000 AND 2100`)
export class WorkingSessionEntity extends TrackedEntity {
  @Column({ type: 'text' })
  kind: SessionKind;

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

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  /** The district or commune that hosted it; district officers see their district's sessions. */
  @Column({ type: 'uuid' })
  hostAdminUnitId: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_admin_unit_id' })
  hostAdminUnit?: AdminUnitEntity;

  @Column({ type: 'integer' })
  reportingYear: number;

  /** e.g. "7 tháng đầu năm". */
  @Column({ type: 'text', nullable: true })
  periodLabel: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  topics: SessionTopic[];

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', default: 'planned' })
  status: SessionStatus;

  /** The note given with the latest status action. */
  @Column({ type: 'text', nullable: true })
  statusNote: string | null;

  /** Why it was cancelled (required by `cancel`). */
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;
}
