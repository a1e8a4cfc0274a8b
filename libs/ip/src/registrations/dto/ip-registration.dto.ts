import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  DeletableListQueryDto,
  defineSort,
  FollowUpTaskDto,
  OptionalNullable,
  RecordDto,
  SortParam,
  ToBoolean,
} from '@app/platform';
import { AdminUnitRefDto, OrganisationRefDto } from '@app/registry';
import { IpEventDto } from '../../events/dto/ip-event.dto';
import { EXAMINATION_STAGES, type ExaminationStage } from '../../rules/ip-dates';
import { IP_KINDS, type IpKind } from '../../rules/ip-kinds';
import {
  IP_LIFECYCLE_EVENTS,
  IP_STATUSES,
  type IpEventType,
  type IpStatus,
} from '../../rules/ip-lifecycle';
import { NICE_CLASSES, SUPPORT_YEARS } from '../ip-registration.entity';

/** A programme as a registration shows it beside its id. */
export class ProgrammeRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'SHTT-2023' })
  code: string;
  @ApiProperty({ example: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023' })
  name: string;
}

export class IpRegistrationDto extends RecordDto {
  @ApiProperty({ enum: IP_KINDS })
  kind: IpKind;
  @ApiProperty({ example: 'Nấm bào ngư phường Thới An Đông' })
  name: string;
  @ApiProperty({ example: 'Nấm bào ngư' })
  product: string;
  @ApiProperty({ type: [Number], example: [31] })
  niceClasses: number[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  ownerOrganisationId: string | null;
  /** The owner, named. */
  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  ownerOrganisation: OrganisationRefDto | null;
  @ApiProperty({ format: 'uuid' })
  adminUnitId: string;
  /** The locality, named, with its province. */
  adminUnit: AdminUnitRefDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  supportingOrganisationId: string | null;
  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  supportingOrganisation: OrganisationRefDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  programmeId: string | null;
  @ApiProperty({ type: ProgrammeRefDto, nullable: true })
  programme: ProgrammeRefDto | null;
  @ApiProperty({ type: Number, nullable: true, example: 2023 })
  supportYear: number | null;
  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  /** Derived from the live events; changed only by recording one. */
  @ApiProperty({ enum: IP_STATUSES })
  status: IpStatus;
  /** YYYY-MM-DD of the event that set the status. */
  @ApiProperty({ type: String, nullable: true, example: '2024-03-15' })
  statusSince: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4-2024-01234' })
  applicationNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-03-15' })
  filingDate: string | null;
  /** Accepted in formality examination. */
  @ApiProperty({ type: String, nullable: true })
  acceptedOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  publishedOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  certificateNumber: string | null;
  @ApiProperty({ type: String, nullable: true })
  grantDate: string | null;
  /**
   * A mark's last day of protection: the 10th anniversary of filing (29 Feb → 28 Feb), 10 years on
   * per renewal; null before the grant and for a geographical indication (no term).
   */
  @ApiProperty({ type: String, nullable: true, example: '2034-03-15' })
  expiresOn: string | null;
  @ApiProperty({ example: 0 })
  renewalCount: number;
  /** The renewal window: from 6 months before expiry to 6 months after (late, with a surcharge). */
  @ApiProperty({ type: String, nullable: true, example: '2033-09-15' })
  renewalOpensOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2034-09-15' })
  renewalClosesOn: string | null;
  /** In force (granted or renewed) and today, in Viet Nam, lies in the renewal window. */
  renewalDue: boolean;
  /** The office's stage now running, and the last day the law gives it. */
  @ApiProperty({ enum: EXAMINATION_STAGES, nullable: true })
  examinationStage: ExaminationStage | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-04-15' })
  examinationDueOn: string | null;
  /** The running stage is past its statutory time (today in Viet Nam is after examinationDueOn). */
  examinationOverdue: boolean;
  /** The events that may be recorded next (`voided` when a live event can be corrected). */
  @ApiProperty({ enum: [...IP_LIFECYCLE_EVENTS, 'voided'], isArray: true })
  allowedEvents: IpEventType[];
}

/** A registration with its whole history (voided events and the voids included) and its tasks. */
export class IpRegistrationDetailDto extends IpRegistrationDto {
  @ApiProperty({ type: [IpEventDto] })
  events: IpEventDto[];
  /** The follow-up tasks about it (tasks whose subject it is). */
  @ApiProperty({ type: [FollowUpTaskDto] })
  tasks: FollowUpTaskDto[];
}

export class CreateIpRegistrationDto {
  @ApiProperty({ enum: IP_KINDS })
  @IsIn(IP_KINDS)
  kind: IpKind;

  @ApiProperty({ example: 'Nấm bào ngư phường Thới An Đông' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'Nấm bào ngư' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  product: string;

  /** Nice classes 1–45, at least one, no repeats (kept in ascending order). */
  @ApiProperty({
    type: [Number],
    minItems: 1,
    maxItems: NICE_CLASSES.max,
    example: [31],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NICE_CLASSES.max)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(NICE_CLASSES.min, { each: true })
  @Max(NICE_CLASSES.max, { each: true })
  niceClasses: number[];

  /** An organisation (a cooperative, association, ward committee…); required before filing. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalNullable()
  @IsUUID()
  ownerOrganisationId?: string | null;

  /**
   * The locality: an administrative unit in force in the registration's year (its filing date's,
   * else its supportYear, else this year). A district officer's must lie in their district.
   */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  adminUnitId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalNullable()
  @IsUUID()
  supportingOrganisationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalNullable()
  @IsUUID()
  programmeId?: string | null;

  /** The year the district or programme supported the registration. */
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: SUPPORT_YEARS.min,
    maximum: SUPPORT_YEARS.max,
    example: 2023,
  })
  @OptionalNullable()
  @IsInt()
  @Min(SUPPORT_YEARS.min)
  @Max(SUPPORT_YEARS.max)
  supportYear?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalNullable()
  @IsString()
  @MaxLength(20000)
  notes?: string | null;
}

/** Any field; `kind` only while the registration is being prepared (not yet filed). */
export class UpdateIpRegistrationDto extends PartialType(CreateIpRegistrationDto) {}

export const IP_REGISTRATION_SORT = defineSort(
  {
    name: 'r.name',
    filingDate: 'r.filingDate',
    expiresOn: 'r.expiresOn',
    examinationDueOn: 'r.examinationDueOn',
    statusSince: 'r.statusSince',
    createdAt: 'r.createdAt',
    updatedAt: 'r.updatedAt',
  },
  { default: 'name', note: 'Empty dates sort first ascending, last descending.' },
);

export class IpRegistrationQueryDto extends DeletableListQueryDto {
  @ApiPropertyOptional({ enum: IP_KINDS })
  @IsOptional()
  @IsIn(IP_KINDS)
  kind?: IpKind;

  @ApiPropertyOptional({ enum: IP_STATUSES })
  @IsOptional()
  @IsIn(IP_STATUSES)
  status?: IpStatus;

  /** Registrations located in this unit or a unit within it (a district: its communes too). */
  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  @IsOptional()
  @IsUUID()
  supportingOrganisationId?: string;

  /**
   * Registrations the year concerns: supported that year (supportYear) or with a live lifecycle
   * event dated in it (filed, granted, renewed…).
   */
  @ApiPropertyOptional({ minimum: SUPPORT_YEARS.min, maximum: SUPPORT_YEARS.max, example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(SUPPORT_YEARS.min)
  @Max(SUPPORT_YEARS.max)
  year?: number;

  /** Registrations claiming this Nice class. */
  @ApiPropertyOptional({ minimum: NICE_CLASSES.min, maximum: NICE_CLASSES.max, example: 31 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(NICE_CLASSES.min)
  @Max(NICE_CLASSES.max)
  niceClass?: number;

  /**
   * Marks in force whose protection ends within this many days from today (in Viet Nam), and
   * those past their end still within the 6 months a late renewal is allowed: the renewals to act
   * on (`renewalDue=true` lists exactly those whose renewal window is open today).
   */
  @ApiPropertyOptional({ minimum: 0, maximum: 3660, example: 183 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3660)
  expiringWithinDays?: number;

  /** true: in force and today lies in the renewal window (renewalDue); false: the others. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  renewalDue?: boolean;

  /** true: the office's running stage is past its statutory time; false: the others. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  examinationOverdue?: boolean;

  @SortParam(IP_REGISTRATION_SORT)
  sort?: string;
}
