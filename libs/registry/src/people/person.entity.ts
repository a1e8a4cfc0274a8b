import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { TrackedEntity, VIETNAMESE } from '@app/platform';

/** A contact (not necessarily a user): who attended, who assigned a task. */
@Entity('person')
@Index('ix_person_organisation', ['organisationId'])
@Index('ix_person_full_name', ['fullName'])
@Index('ix_person_search', { synchronize: false })
export class PersonEntity extends TrackedEntity {
  @Column({ type: 'text', collation: VIETNAMESE })
  fullName: string;

  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: 'f_search_key(full_name)',
    select: false,
    insert: false,
    update: false,
  })
  searchKey: string;

  /** Position or title, e.g. "Phó Giám đốc Sở". */
  @Column({ type: 'text', nullable: true })
  position: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;
}
