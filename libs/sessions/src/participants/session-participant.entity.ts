import { OrganisationEntity, PersonEntity } from '@app/registry';
import { sqlIn, TrackedEntity } from '@app/platform';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { WorkingSessionEntity } from '../working-sessions/working-session.entity';

export const PARTICIPANT_ROLES = [
  'delegation_head',
  'delegation_member',
  'host_chair',
  'host_member',
  'scientist',
  'enterprise_representative',
  'attendee',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * Who took part in a session: a person, or an organisation as a whole ("representatives of the
 * district's functional offices"). The partial unique indexes keep one delegation head and each
 * person or organisation once per session.
 */
@Entity('session_participant')
@Index('ix_session_participant_session', ['sessionId', 'createdAt'])
@Index('ix_session_participant_person', ['personId'])
@Index('ix_session_participant_organisation', ['organisationId'])
@Index('uq_session_participant_person', ['sessionId', 'personId'], {
  unique: true,
  where: 'deleted_at IS NULL AND person_id IS NOT NULL',
})
@Index('uq_session_participant_organisation', ['sessionId', 'organisationId'], {
  unique: true,
  where: 'deleted_at IS NULL AND organisation_id IS NOT NULL',
})
@Index('uq_session_participant_delegation_head', ['sessionId'], {
  unique: true,
  where: `deleted_at IS NULL AND role = 'delegation_head'`,
})
@Check('ck_session_participant_party', `(person_id IS NULL) <> (organisation_id IS NULL)`)
@Check('ck_session_participant_role', sqlIn('role', PARTICIPANT_ROLES))
export class SessionParticipantEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => WorkingSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: WorkingSessionEntity;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: PersonEntity | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'text' })
  role: ParticipantRole;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
