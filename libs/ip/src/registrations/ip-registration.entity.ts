import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { ProgrammeEntity } from '@app/projects';
import { AdminUnitEntity, OrganisationEntity } from '@app/registry';
import { EXAMINATION_STAGES, type ExaminationStage } from '../rules/ip-dates';
import { IP_KINDS, type IpKind } from '../rules/ip-kinds';
import { IP_STATUSES, type IpStatus } from '../rules/ip-lifecycle';

/** The Nice classification's classes of goods (1–34) and services (35–45). */
export const NICE_CLASSES = { min: 1, max: 45 } as const;

/** The years a registration may be reported as supported in: a typo like 20203 is refused. */
export const SUPPORT_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A trademark, collective mark, certification mark or geographical indication the district follows,
 * from the dossier to the certificate and its renewals. What people enter: the mark, its product,
 * Nice classes, owner, locality, supporting unit, programme. What its dated events decide (never
 * written directly; recomputed from the live events in the transaction that changes them): the
 * status, the office's numbers and dates, the expiry and the examination stage now running.
 */
@Entity('ip_registration')
@Index('uq_ip_registration_application_number', ['applicationNumber'], {
  unique: true,
  where: 'deleted_at IS NULL AND application_number IS NOT NULL',
})
@Index('uq_ip_registration_certificate_number', ['certificateNumber'], {
  unique: true,
  where: 'deleted_at IS NULL AND certificate_number IS NOT NULL',
})
@Index('ix_ip_registration_admin_unit', ['adminUnitId'])
@Index('ix_ip_registration_owner', ['ownerOrganisationId'])
@Index('ix_ip_registration_supporting', ['supportingOrganisationId'])
@Index('ix_ip_registration_programme', ['programmeId'])
@Index('ix_ip_registration_status', ['status', 'expiresOn'])
@Index('ix_ip_registration_examination_due', ['examinationDueOn'])
@Index('ix_ip_registration_name', ['name'])
@Index('ix_ip_registration_search', { synchronize: false })
// The list's default order over live records (migration ListIndexes).
@Index('ix_ip_registration_live_name', { synchronize: false })
@Check('ck_ip_registration_kind', sqlIn('kind', IP_KINDS))
@Check('ck_ip_registration_status', sqlIn('status', IP_STATUSES))
@Check(
  'ck_ip_registration_nice_classes',
  `cardinality(nice_classes) BETWEEN 1 AND 45 AND ${NICE_CLASSES.min} <= ALL (nice_classes) AND ${NICE_CLASSES.max} >= ALL (nice_classes)`,
)
@Check(
  'ck_ip_registration_support_year',
  `support_year IS NULL OR support_year BETWEEN ${SUPPORT_YEARS.min} AND ${SUPPORT_YEARS.max}`,
)
@Check(
  'ck_ip_registration_examination',
  `(examination_stage IS NULL) = (examination_due_on IS NULL) AND (examination_stage IS NULL OR ${sqlIn('examination_stage', EXAMINATION_STAGES)})`,
)
@Check('ck_ip_registration_renewal_count', `renewal_count >= 0`)
export class IpRegistrationEntity extends TrackedEntity {
  @Column({ type: 'text' })
  kind: IpKind;

  /** The mark's name as the dossier spells it, e.g. "Nấm bào ngư phường Thới An Đông". */
  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  /** The goods or services it marks, e.g. "Nấm bào ngư". */
  @Column({ type: 'text', collation: VIETNAMESE })
  product: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `f_search_key(name || ' ' || product || ' ' || coalesce(application_number, '') || ' ' || coalesce(certificate_number, ''))`,
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  /** Nice classes, ascending, no repeats. */
  @Column({ type: 'integer', array: true })
  niceClasses: number[];

  /** The applicant and holder (a cooperative, an association, a ward committee…); needed to file. */
  @Column({ type: 'uuid', nullable: true })
  ownerOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: OrganisationEntity | null;

  /** The locality the mark names or lies in; it places the registration in a district. */
  @Column({ type: 'uuid' })
  adminUnitId: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: AdminUnitEntity;

  /** Who supports the registration (e.g. the district's People's Committee). */
  @Column({ type: 'uuid', nullable: true })
  supportingOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supporting_organisation_id' })
  supportingOrganisation?: OrganisationEntity | null;

  /** The programme that funds it (e.g. the city's IP asset development programme). */
  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity | null;

  /** The year the district or programme supported it, as reported. */
  @Column({ type: 'integer', nullable: true })
  supportYear: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  // What the events decide.

  @Column({ type: 'text', default: 'preparing' })
  status: IpStatus;

  @Column({ type: 'date', nullable: true })
  statusSince: string | null;

  @Column({ type: 'text', nullable: true })
  applicationNumber: string | null;

  @Column({ type: 'date', nullable: true })
  filingDate: string | null;

  @Column({ type: 'date', nullable: true })
  acceptedOn: string | null;

  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ type: 'text', nullable: true })
  certificateNumber: string | null;

  @Column({ type: 'date', nullable: true })
  grantDate: string | null;

  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ type: 'integer', default: 0 })
  renewalCount: number;

  @Column({ type: 'date', nullable: true })
  renewalOpensOn: string | null;

  @Column({ type: 'date', nullable: true })
  renewalClosesOn: string | null;

  @Column({ type: 'text', nullable: true })
  examinationStage: ExaminationStage | null;

  @Column({ type: 'date', nullable: true })
  examinationDueOn: string | null;
}
