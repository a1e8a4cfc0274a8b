import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { defineSort, IsCalendarDate, ListQueryDto, RecordDto, SortParam } from '@app/platform';
import { IP_EVENT_TYPES, type IpEventType } from '../../rules/ip-lifecycle';

/**
 * Latin letters with Vietnamese diacritics (À–ỹ, Đ), digits, and a few separators. From a string:
 * the server's bundle writes strings in ASCII escapes, a regex literal it would not (scripts/bundle.js).
 */
const CERTIFICATE_NUMBER = new RegExp('^[0-9A-Za-zÀ-ỹ][0-9A-Za-zÀ-ỹ ./-]{0,39}$');

export class IpEventDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  registrationId: string;
  /** 1, 2, 3…: the order the history was recorded in. */
  @ApiProperty({ example: 1 })
  sequence: number;
  @ApiProperty({ enum: IP_EVENT_TYPES })
  type: IpEventType;
  /** YYYY-MM-DD: when it happened (a `voided` event: when the mistake was corrected). */
  @ApiProperty({ example: '2024-03-15' })
  date: string;
  @ApiProperty({ type: String, nullable: true, example: '4-2024-01234' })
  applicationNumber: string | null;
  @ApiProperty({ type: String, nullable: true })
  certificateNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Thông báo chấp nhận đơn hợp lệ' })
  reference: string | null;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  /** A `voided` event: the event it voids. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  voidsEventId: string | null;
  /** A `voided` event: why the event it voids was a mistake. */
  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
  /** True when a later `voided` event voids this one: it no longer counts. */
  voided: boolean;
  /** The `voided` event that voids this one. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  voidedByEventId: string | null;
  /** The user who recorded it (null: the system). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  recordedById: string | null;
}

const EVENT_TYPES_DESCRIPTION =
  'filed (needs applicationNumber and date), formality_accepted, formality_refused, published, ' +
  'granted (needs certificateNumber and date), refused, withdrawn, renewed, expired (marks only), ' +
  'each needing a date not before the latest event’s; or voided (needs voidsEventId and reason).';

/** The body of `POST …/ip-registrations/{id}/events`: which fields each type takes is its rule's. */
export class CreateIpEventDto {
  @ApiProperty({ enum: IP_EVENT_TYPES, description: EVENT_TYPES_DESCRIPTION })
  @IsIn(IP_EVENT_TYPES)
  type: IpEventType;

  /** YYYY-MM-DD, not after today in Viet Nam; required except for `voided` (default: today). */
  @ApiPropertyOptional({ example: '2024-03-15' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  date?: string;

  /** `filed` only: the office's number, 4-YYYY-NNNNN for marks, 6-YYYY-NNNNN for GIs. */
  @ApiPropertyOptional({ example: '4-2024-01234' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  applicationNumber?: string;

  /** `granted` only: the certificate's number. */
  @ApiPropertyOptional({ example: '512345', pattern: CERTIFICATE_NUMBER.source })
  @IsOptional()
  @IsString()
  @Matches(CERTIFICATE_NUMBER, {
    message: 'must be 1–40 letters, digits, spaces, dots, slashes or dashes',
  })
  certificateNumber?: string;

  @ApiPropertyOptional({ example: 'Quyết định số …/QĐ-SHTT' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note?: string;

  /** `voided` only: the event it voids (a live lifecycle event of this registration). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  voidsEventId?: string;

  /** `voided` only: why the event was a mistake. */
  @ApiPropertyOptional({ example: 'Nhập nhầm ngày nộp đơn' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export const IP_EVENT_SORT = defineSort(
  { sequence: 'r.sequence', date: 'r.date' },
  { default: 'sequence' },
);

/** A registration's history, oldest first; `q` searches references, notes and numbers. */
export class IpEventQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: IP_EVENT_TYPES })
  @IsOptional()
  @IsIn(IP_EVENT_TYPES)
  type?: IpEventType;

  @SortParam(IP_EVENT_SORT)
  sort?: string;
}
