import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { sqlIn, TrackedEntity } from '@app/platform';
import { OrganisationEntity } from '@app/registry';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';

export const ST_CERTIFICATE_STATUSES = ['valid', 'revoked', 'expired'] as const;
export type StCertificateStatus = (typeof ST_CERTIFICATE_STATUSES)[number];

/**
 * A certificate of S&T enterprise (giấy chứng nhận doanh nghiệp khoa học và công nghệ), issued by
 * a Department of Science and Technology to an enterprise for the S&T result it commercialises.
 * It is valid from `issuedOn` until `endedOn`, the day it stopped being valid (revoked or
 * expired), exclusive: the interval `[issuedOn, endedOn)` says in which years the enterprise was
 * certified. Its number is unique among the live certificates of one issuer (each Department
 * numbers its own).
 */
@Entity('st_enterprise_certificate')
@Index('uq_st_certificate_number', ['issuerOrganisationId', 'certificateNumber'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
@Index('ix_st_certificate_enterprise', ['enterpriseId', 'status'])
@Index('ix_st_certificate_validity', ['issuedOn', 'endedOn'])
@Index('ix_st_certificate_issuer', ['issuerOrganisationId'])
@Check('ck_st_certificate_status', sqlIn('status', ST_CERTIFICATE_STATUSES))
@Check(
  'ck_st_certificate_end',
  `(status = 'valid') = (ended_on IS NULL) AND (ended_on IS NULL) = (end_reason IS NULL) AND ended_on >= issued_on`,
)
export class StCertificateEntity extends TrackedEntity {
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  /** As printed on the certificate, e.g. `05/DNKHCN`. */
  @Column({ type: 'text' })
  certificateNumber: string;

  @Column({ type: 'date' })
  issuedOn: string;

  /** The authority that issued it (usually a Sở KH&CN). */
  @Column({ type: 'uuid' })
  issuerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_organisation_id' })
  issuerOrganisation?: OrganisationEntity;

  /** The S&T result the enterprise commercialises, as the certificate names it. */
  @Column({ type: 'text', nullable: true })
  stResult: string | null;

  @Column({ type: 'text' })
  status: StCertificateStatus;

  /** The day it stopped being valid (revoked or expired); null while valid. */
  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  /** Why: the revocation decision, or the expiry. */
  @Column({ type: 'text', nullable: true })
  endReason: string | null;
}
