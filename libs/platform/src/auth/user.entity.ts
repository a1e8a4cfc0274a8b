import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedEntity, VIETNAMESE } from '../database/tracked.entity';
import { sqlIn } from '../database/sql';
import { type Role, ROLES } from './roles';

/** An account. People in the registry are contacts; only users sign in. */
@Entity('app_user')
@Index('uq_app_user_username', ['username'], { unique: true })
@Check('ck_app_user_role', sqlIn('role', ROLES))
export class UserEntity extends TrackedEntity {
  /** Lower-case, unique for ever (a deactivated account keeps its name). */
  @Column({ type: 'text' })
  username: string;

  /** argon2id; never leaves the service. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  fullName: string;

  @Column({ type: 'text' })
  role: Role;

  /** Unit staff: the organisation they work for. */
  @Index('ix_app_user_organisation')
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  // By name: the registry's entities sit above the platform and are not imported here.
  @ManyToOne('OrganisationEntity', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: unknown;

  /** District officers: the district (or commune) they answer for. */
  @Index('ix_app_user_admin_unit')
  @Column({ type: 'uuid', nullable: true })
  adminUnitId: string | null;

  @ManyToOne('AdminUnitEntity', { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'admin_unit_id' })
  adminUnit?: unknown;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
