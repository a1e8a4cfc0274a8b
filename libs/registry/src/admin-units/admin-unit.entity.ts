import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { sqlIn, TrackedEntity, VIETNAMESE } from '@app/platform';

export const ADMIN_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const ADMIN_SUBTYPES = [
  'tinh',
  'thanh_pho',
  'quan',
  'huyen',
  'thi_xa',
  'phuong',
  'xa',
  'thi_tran',
  'dac_khu',
] as const;
export type AdminSubtype = (typeof ADMIN_SUBTYPES)[number];

/** Which subtypes each level may have (a `thanh_pho` is a province or a provincial city). */
export const SUBTYPES_BY_LEVEL: Record<AdminLevel, readonly AdminSubtype[]> = {
  province: ['tinh', 'thanh_pho'],
  district: ['quan', 'huyen', 'thi_xa', 'thanh_pho', 'dac_khu'],
  commune: ['phuong', 'xa', 'thi_tran', 'dac_khu'],
};

export const LEVEL_RANK: Record<AdminLevel, number> = { province: 1, district: 2, commune: 3 };

/**
 * A province, district or commune as it was in force between `validFrom` and `validTo`. Units
 * change (1 July 2025 abolished districts): a code names a unit within an era, so the same code can
 * come back in another era, but never twice at once (an exclusion constraint in the migration).
 */
@Entity('admin_unit')
@Index('ix_admin_unit_parent', ['parentId'])
@Index('ix_admin_unit_code', ['code'])
@Index('ix_admin_unit_level_name', ['level', 'name'])
@Check('ck_admin_unit_level', sqlIn('level', ADMIN_LEVELS))
@Check('ck_admin_unit_subtype', sqlIn('subtype', ADMIN_SUBTYPES))
@Exclusion(
  'xc_admin_unit_code_in_force',
  `USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (deleted_at IS NULL)`,
)
@Index('ix_admin_unit_search', { synchronize: false })
@Check('ck_admin_unit_validity', `valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to`)
export class AdminUnitEntity extends TrackedEntity {
  /** Official statistics code (2 digits province, 3 district, 5 commune), kept as text. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  /** Diacritic-free, lower-case `name`, filled by the database (see `f_search_key`). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'f_search_key(name)',
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  @Column({ type: 'text' })
  level: AdminLevel;

  @Column({ type: 'text' })
  subtype: AdminSubtype;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AdminUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: AdminUnitEntity | null;

  /** First day in force; null when unknown (in force since before records began). */
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  /** Last day in force; null while it still is. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}

/** Old unit → new unit (many-to-many: 440 old communes were split, most new ones merge several). */
@Entity('admin_unit_successor')
@Index('ix_admin_unit_successor_successor', ['successorId'])
export class AdminUnitSuccessorEntity {
  @PrimaryColumn({ type: 'uuid' })
  predecessorId: string;

  @PrimaryColumn({ type: 'uuid' })
  successorId: string;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'predecessor_id' })
  predecessor?: AdminUnitEntity;

  @ManyToOne(() => AdminUnitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'successor_id' })
  successor?: AdminUnitEntity;
}
