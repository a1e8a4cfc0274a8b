import { sqlIn, TrackedEntity } from '@app/platform';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { SessionParticipantEntity } from '../participants/session-participant.entity';
import { WorkingSessionEntity } from '../working-sessions/working-session.entity';

export const SESSION_RECORD_TYPES = ['opinion', 'conclusion'] as const;
export type SessionRecordType = (typeof SESSION_RECORD_TYPES)[number];

/**
 * An opinion raised or a conclusion drawn at a session, at a position in the minutes (1, 2, …).
 * Positions stay 1..n among the live records; writers serialise on the session's row lock.
 */
@Entity('session_record')
@Index('ix_session_record_session_position', ['sessionId', 'position'])
@Index('ix_session_record_participant', ['participantId'])
@Check('ck_session_record_type', sqlIn('type', SESSION_RECORD_TYPES))
@Check('ck_session_record_position', `position >= 1`)
export class SessionRecordEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => WorkingSessionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: WorkingSessionEntity;

  @Column({ type: 'text' })
  type: SessionRecordType;

  @Column({ type: 'text' })
  text: string;

  /** Who said it, when known: a participant of the same session. */
  @Column({ type: 'uuid', nullable: true })
  participantId: string | null;

  @ManyToOne(() => SessionParticipantEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id' })
  participant?: SessionParticipantEntity | null;

  /** The record's place in the session's minutes, from 1; the API calls it `order`. */
  @Column({ type: 'integer' })
  position: number;
}
