import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { sqlIn, TrackedEntity } from '@app/platform';
import { IP_EVENT_TYPES, type IpEventType } from '../rules/ip-lifecycle';
import { IpRegistrationEntity } from '../registrations/ip-registration.entity';

/**
 * One dated event of a registration's history, in the order recorded (`sequence`). Never changed
 * nor deleted: a mistaken event is corrected by a `voided` event that points at it with a reason,
 * and the history keeps both.
 */
@Entity('ip_event')
@Index('uq_ip_event_sequence', ['registrationId', 'sequence'], { unique: true })
@Index('uq_ip_event_voids', ['voidsEventId'], {
  unique: true,
  where: 'voids_event_id IS NOT NULL',
})
@Check('ck_ip_event_type', sqlIn('type', IP_EVENT_TYPES))
@Check(
  'ck_ip_event_void',
  `(type = 'voided') = (voids_event_id IS NOT NULL) AND (type <> 'voided' OR reason IS NOT NULL)`,
)
@Check('ck_ip_event_sequence', `sequence >= 1`)
export class IpEventEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => IpRegistrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registration_id' })
  registration?: IpRegistrationEntity;

  /** 1, 2, 3… per registration: the order the history was recorded in. */
  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text' })
  type: IpEventType;

  /** When it happened (a `voided` event: when the mistake was corrected). */
  @Column({ type: 'date' })
  date: string;

  /** `filed`: the office's number of the application. */
  @Column({ type: 'text', nullable: true })
  applicationNumber: string | null;

  /** `granted`: the certificate's number. */
  @Column({ type: 'text', nullable: true })
  certificateNumber: string | null;

  /** The document it comes from (the office's decision, the gazette issue…). */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** `voided`: the event it voids. */
  @Column({ type: 'uuid', nullable: true })
  voidsEventId: string | null;

  @ManyToOne(() => IpEventEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voids_event_id' })
  voidsEvent?: IpEventEntity | null;

  /** `voided`: why the event it voids was a mistake. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
