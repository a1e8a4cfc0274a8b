import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { defineSort, IsCalendarDate, ListQueryDto, RecordDto, SortParam } from '@app/platform';
import { OrganisationRefDto } from '@app/registry';
import { ST_CERTIFICATE_ACTIONS, type StCertificateAction } from '../st-certificate-status';
import { ST_CERTIFICATE_STATUSES, type StCertificateStatus } from '../st-certificate.entity';

const YEARS = { minYear: 2000, maxYear: 2100 } as const;

export class StCertificateDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  enterpriseId: string;
  /** As printed on the certificate; unique among the issuer's live certificates. */
  @ApiProperty({ example: '05/DNKHCN' })
  certificateNumber: string;
  /** YYYY-MM-DD: valid from this day. */
  @ApiProperty({ example: '2023-05-15' })
  issuedOn: string;
  /** The issuing authority (usually a Sở KH&CN). */
  @ApiProperty({ format: 'uuid' })
  issuerOrganisationId: string;
  /** The issuing authority, named. */
  issuerOrganisation: OrganisationRefDto;
  /** The S&T result the enterprise commercialises; null when not recorded. */
  @ApiProperty({ type: String, nullable: true })
  stResult: string | null;
  /** valid → revoked | expired (status actions `revoke`, `expire`). */
  @ApiProperty({ enum: ST_CERTIFICATE_STATUSES })
  status: StCertificateStatus;
  /** YYYY-MM-DD: the day it stopped being valid (revoked or expired); null while valid. */
  @ApiProperty({ type: String, nullable: true, example: null })
  endedOn: string | null;
  /** Why it was revoked or stopped being valid; null while valid. */
  @ApiProperty({ type: String, nullable: true, example: null })
  endReason: string | null;
  /** The status actions allowed now. */
  @ApiProperty({ enum: ST_CERTIFICATE_ACTIONS, isArray: true })
  allowedActions: StCertificateAction[];
}

export class CreateStCertificateDto {
  /** As printed; unique among the live certificates of the same issuer. */
  @ApiProperty({ example: '05/DNKHCN' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  certificateNumber: string;

  /** YYYY-MM-DD, not after today in Viet Nam. */
  @ApiProperty({ example: '2023-05-15' })
  @IsCalendarDate(YEARS)
  issuedOn: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  issuerOrganisationId: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  stResult?: string | null;
}

export class UpdateStCertificateDto extends PartialType(CreateStCertificateDto) {}

/** The body of `revoke` and `expire`: the day it stopped being valid, and why. */
export class StCertificateActionDto {
  /** YYYY-MM-DD: not before the issue date, not after today in Viet Nam. */
  @ApiProperty({ example: '2025-01-02' })
  @IsCalendarDate(YEARS)
  date: string;

  @ApiProperty({
    example: 'Quyết định thu hồi số …/QĐ-SKHCN: doanh nghiệp không còn đáp ứng điều kiện',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export const ST_CERTIFICATE_SORT = defineSort(
  { issuedOn: 'r.issuedOn', certificateNumber: 'r.certificateNumber', createdAt: 'r.createdAt' },
  { default: '-issuedOn' },
);

export class StCertificateQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ST_CERTIFICATE_STATUSES })
  @IsOptional()
  @IsIn(ST_CERTIFICATE_STATUSES)
  status?: StCertificateStatus;

  @SortParam(ST_CERTIFICATE_SORT)
  sort?: string;
}
