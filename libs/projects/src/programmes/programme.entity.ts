import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity, VIETNAMESE } from '@app/platform';
import { OrganisationEntity } from '@app/registry';

/** The years a programme may span: a typo like 20203 is refused, never stored. */
export const PROGRAMME_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A programme that funds IP registrations and projects, e.g. "Chương trình phát triển tài sản trí
 * tuệ TP. Cần Thơ năm 2023": a code unique among live programmes, its owner and its years.
 */
@Entity('programme')
@Index('uq_programme_code', ['code'], { unique: true, where: 'deleted_at IS NULL' })
@Index('ix_programme_owner', ['ownerOrganisationId'])
@Index('ix_programme_years', ['startYear', 'endYear'])
@Index('ix_programme_search', { synchronize: false })
@Check(
  'ck_programme_years',
  `start_year BETWEEN 2000 AND 2100 AND end_year BETWEEN start_year AND 2100`,
)
export class ProgrammeEntity extends TrackedEntity {
  /** The Department's own code, e.g. `SHTT-2023`. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `f_search_key(name || ' ' || code)`,
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  /** Who runs it (usually the Department). */
  @Column({ type: 'uuid' })
  ownerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id' })
  ownerOrganisation?: OrganisationEntity;

  @Column({ type: 'integer' })
  startYear: number;

  @Column({ type: 'integer' })
  endYear: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
