import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';

export const ORGANISATION_KINDS = [
  'department',
  'department_unit',
  'district_committee',
  'district_office',
  'commune_committee',
  'university',
  'research_institute',
  'enterprise',
  'cooperative',
  'association',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The Department and its offices and centres, district committees and offices, and partners. */
@Entity('organisation')
@Index('ix_organisation_admin_unit', ['adminUnitId'])
@Index('ix_organisation_parent', ['parentId'])
@Index('ix_organisation_kind_name', ['kind', 'name'])
@Index('ix_organisation_name', ['name'])
@Index('ix_organisation_search', { synchronize: false })
@Check('ck_organisation_kind', sqlIn('kind', ORGANISATION_KINDS))
export class OrganisationEntity extends TrackedEntity {
  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  /** e.g. "Sở KH&CN". */
  @Column({ type: 'text', collation: VIETNAMESE, nullable: true })
  shortName: string | null;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `f_search_key(name || ' ' || coalesce(short_name, ''))`,
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  /** Where it sits; district officers see the organisations of their district. */
  @Column({ type: 'uuid', nullable: true })
  adminUnitId: string | null;

  @ManyToOne(() => AdminUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: AdminUnitEntity | null;

  /** A centre belongs to the Department; an office to a district committee. */
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrganisationEntity | null;
}
