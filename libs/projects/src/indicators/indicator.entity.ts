import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { NUMERIC_AS_NUMBER, TrackedEntity, VIETNAMESE } from '@app/platform';
import { ProjectEntity } from '../projects/project.entity';

/**
 * What a project measures (e.g. yield in kg/1000 m², income increase in %, households trained):
 * its unit, target and the latest actual value with the day it was measured. Exact decimals
 * (`numeric`), read as numbers; 15 significant digits keep them exact in JavaScript.
 */
@Entity('project_indicator')
@Index('ix_project_indicator_project', ['projectId', 'createdAt'])
@Index('uq_project_indicator_name', ['projectId', 'name'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
export class ProjectIndicatorEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  /** e.g. `kg/1000 m²`, `%`, `hộ`. */
  @Column({ type: 'text' })
  unit: string;

  @Column({
    type: 'numeric',
    precision: 15,
    scale: 4,
    nullable: true,
    transformer: NUMERIC_AS_NUMBER,
  })
  target: number | null;

  @Column({
    type: 'numeric',
    precision: 15,
    scale: 4,
    nullable: true,
    transformer: NUMERIC_AS_NUMBER,
  })
  actual: number | null;

  /** The day `actual` was measured. */
  @Column({ type: 'date', nullable: true })
  measuredOn: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
