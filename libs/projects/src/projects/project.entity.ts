import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { AdminUnitEntity, OrganisationEntity } from '@app/registry';
import { ProgrammeEntity } from '../programmes/programme.entity';

/**
 * `ip_development` (phát triển tài sản trí tuệ), `technology_application` (ứng dụng tiến bộ
 * KH&CN), `agricultural_model` (mô hình sản xuất nông nghiệp), `research` (nhiệm vụ nghiên cứu),
 * `infrastructure_proposal` (dự án đề xuất, e.g. water treatment), `other`.
 */
export const PROJECT_KINDS = [
  'ip_development',
  'technology_application',
  'agricultural_model',
  'research',
  'infrastructure_proposal',
  'other',
] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const PROJECT_STATUSES = [
  'proposed',
  'approved',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Completed and cancelled projects are final: they, their participants and indicators are read-only. */
export const FINAL_PROJECT_STATUSES = [
  'completed',
  'cancelled',
] as const satisfies readonly ProjectStatus[];

/**
 * A project, S&T task or demonstration model (dự án, nhiệm vụ KH&CN, mô hình): its programme,
 * lead and partner organisations, the admin units it runs in (link table), planned and actual
 * dates, and its budget in whole đồng by source. Unknown values stay null, never 0.
 */
@Entity('project')
@Index('ix_project_created_at', ['createdAt'])
@Index('ix_project_status_kind', ['status', 'kind'])
@Index('ix_project_programme', ['programmeId'])
@Index('ix_project_lead_organisation', ['leadOrganisationId'])
@Index('ix_project_search', { synchronize: false })
// The list's default order over live records (migration ListIndexes).
@Index('ix_project_live_created_at', { synchronize: false })
@Check('ck_project_kind', sqlIn('kind', PROJECT_KINDS))
@Check('ck_project_status', sqlIn('status', PROJECT_STATUSES))
@Check(
  'ck_project_planned_dates',
  'planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start',
)
@Check(
  'ck_project_actual_dates',
  'actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start',
)
@Check(
  'ck_project_budget',
  '(state_budget IS NULL OR state_budget >= 0) AND (counterpart_budget IS NULL OR counterpart_budget >= 0) AND (other_budget IS NULL OR other_budget >= 0)',
)
export class ProjectEntity extends TrackedEntity {
  @Column({ type: 'text' })
  kind: ProjectKind;

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

  @Column({ type: 'uuid', nullable: true })
  programmeId: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity | null;

  /** The organisation in charge (đơn vị chủ trì); null while unknown. */
  @Column({ type: 'uuid', nullable: true })
  leadOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_organisation_id' })
  leadOrganisation?: OrganisationEntity | null;

  @Column({ type: 'text', default: 'proposed' })
  status: ProjectStatus;

  @Column({ type: 'date', nullable: true })
  plannedStart: string | null;

  @Column({ type: 'date', nullable: true })
  plannedEnd: string | null;

  /** Set by `start` (the day given, or today in Viet Nam). */
  @Column({ type: 'date', nullable: true })
  actualStart: string | null;

  /** Set by `complete` (the day given, the one recorded, or today in Viet Nam). */
  @Column({ type: 'date', nullable: true })
  actualEnd: string | null;

  /** Ngân sách nhà nước, whole đồng. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  stateBudget: number | null;

  /** Vốn đối ứng (the beneficiaries' or the district's counterpart funds), whole đồng. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  counterpartBudget: number | null;

  /** Other sources, whole đồng. */
  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  otherBudget: number | null;

  /** The approving decision's document number, e.g. "123/QĐ-SKHCN". */
  @Column({ type: 'text', nullable: true })
  decisionNumber: string | null;

  @Column({ type: 'date', nullable: true })
  decisionDate: string | null;

  /** The note given with the latest status action. */
  @Column({ type: 'text', nullable: true })
  statusNote: string | null;

  /** Required by `cancel`. */
  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;
}

/** An administrative unit a project runs in (one or more; the district rule reads these). */
@Entity('project_admin_unit')
@Index('ix_project_admin_unit_unit', ['adminUnitId'])
export class ProjectAdminUnitEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'uuid' })
  adminUnitId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: AdminUnitEntity;
}

/** A partner organisation of a project (đơn vị phối hợp). */
@Entity('project_partner')
@Index('ix_project_partner_organisation', ['organisationId'])
export class ProjectPartnerEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
}
