import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { sqlIn, TrackedEntity } from '@app/platform';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';

/**
 * What an enterprise asks the Department for: ISO/TCVN quality management and standards,
 * intellectual property (trademarks, patents), technology innovation, funding, training, other.
 */
export const SUPPORT_NEED_CATEGORIES = [
  'quality_standards',
  'intellectual_property',
  'technology_innovation',
  'funding',
  'training',
  'other',
] as const;
export type SupportNeedCategory = (typeof SUPPORT_NEED_CATEGORIES)[number];

export const SUPPORT_NEED_STATUSES = ['reported', 'confirmed', 'supported', 'declined'] as const;
export type SupportNeedStatus = (typeof SUPPORT_NEED_STATUSES)[number];

/** Needs still to act on: reported (to be confirmed with the enterprise) or confirmed. */
export const OPEN_SUPPORT_NEED_STATUSES = [
  'reported',
  'confirmed',
] as const satisfies readonly SupportNeedStatus[];

/**
 * A support need of an enterprise: reported (by the enterprise, the district, a working session),
 * confirmed with the enterprise, then supported or declined; each step dated, with a note.
 */
@Entity('support_need')
@Index('ix_support_need_enterprise', ['enterpriseId', 'status'])
@Index('ix_support_need_status', ['status', 'category'])
@Check('ck_support_need_category', sqlIn('category', SUPPORT_NEED_CATEGORIES))
@Check('ck_support_need_status', sqlIn('status', SUPPORT_NEED_STATUSES))
// Each status has the dates of the steps that lead to it (a need may be declined unconfirmed).
@Check(
  'ck_support_need_steps',
  [
    '(confirmed_on IS NULL) = (confirmation_note IS NULL)',
    '(resolved_on IS NULL) = (resolution_note IS NULL)',
    `(resolved_on IS NULL) = (status IN ('reported', 'confirmed'))`,
    `(status <> 'reported' OR confirmed_on IS NULL)`,
    `(status NOT IN ('confirmed', 'supported') OR confirmed_on IS NOT NULL)`,
    'confirmed_on >= reported_on',
    'resolved_on >= coalesce(confirmed_on, reported_on)',
  ].join(' AND '),
)
export class SupportNeedEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text' })
  category: SupportNeedCategory;

  @Column({ type: 'text' })
  description: string;

  /** When the need was first heard of. */
  @Column({ type: 'date' })
  reportedOn: string;

  @Column({ type: 'text' })
  status: SupportNeedStatus;

  /** When the enterprise confirmed it, and what was agreed. */
  @Column({ type: 'date', nullable: true })
  confirmedOn: string | null;

  @Column({ type: 'text', nullable: true })
  confirmationNote: string | null;

  /** When it was supported or declined, and how or why. */
  @Column({ type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionNote: string | null;
}
