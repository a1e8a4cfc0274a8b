import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { NUMERIC_AS_NUMBER, sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';
import { AdminUnitEntity, OrganisationEntity } from '@app/registry';
import { ProjectEntity } from '../projects/project.entity';

export const PARTICIPANT_KINDS = ['household', 'organisation'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const PARTICIPANT_STATUSES = ['proposed', 'selected', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * A household or organisation taking part in a project (hộ dân tham gia), in a ward or commune
 * that lies inside one of the project's units; proposed, then selected (by whom, when) or
 * withdrawn.
 */
@Entity('project_participant')
@Index('ix_project_participant_project', ['projectId', 'createdAt'])
@Index('ix_project_participant_project_unit', ['projectId', 'adminUnitId', 'status'])
@Index('ix_project_participant_admin_unit', ['adminUnitId'])
@Index('ix_project_participant_selected_by', ['selectedByOrganisationId'])
@Index('ix_project_participant_search', { synchronize: false })
@Check('ck_project_participant_kind', sqlIn('kind', PARTICIPANT_KINDS))
@Check('ck_project_participant_status', sqlIn('status', PARTICIPANT_STATUSES))
@Check('ck_project_participant_area', 'area_m2 IS NULL OR area_m2 >= 0')
export class ProjectParticipantEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'text' })
  kind: ParticipantKind;

  /** The head of household's or the organisation's name. */
  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'f_search_key(name)',
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  /** The ward or commune (or the project's unit itself). */
  @Column({ type: 'uuid' })
  adminUnitId: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: AdminUnitEntity;

  /** The area taking part, in m² (exact to the cm²). */
  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: NUMERIC_AS_NUMBER,
  })
  areaM2: number | null;

  /** A phone number or address to reach them. */
  @Column({ type: 'text', nullable: true })
  contact: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: 'proposed' })
  status: ParticipantStatus;

  /** Who selected them (e.g. the ward's People's Committee); set by `select`. */
  @Column({ type: 'uuid', nullable: true })
  selectedByOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'selected_by_organisation_id' })
  selectedByOrganisation?: OrganisationEntity | null;

  @Column({ type: 'date', nullable: true })
  selectedOn: string | null;

  /** The reason given with `withdraw`. */
  @Column({ type: 'text', nullable: true })
  withdrawReason: string | null;

  /** The note given with the latest status action. */
  @Column({ type: 'text', nullable: true })
  statusNote: string | null;
}
