import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { defineSort, IsCalendarDate, ListQueryDto, RecordDto, SortParam } from '@app/platform';
import { AdminUnitRefDto, OrganisationRefDto } from '@app/registry';
import {
  PARTICIPANT_KINDS,
  PARTICIPANT_STATUSES,
  type ParticipantKind,
  type ParticipantStatus,
} from '../participant.entity';
import { PARTICIPANT_ACTIONS, type ParticipantAction } from '../participant-status';

/** The most rows one bulk add takes. */
export const MAX_BULK_PARTICIPANTS = 500;

export class ProjectParticipantDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ enum: PARTICIPANT_KINDS })
  kind: ParticipantKind;
  @ApiProperty({ example: 'Hộ mẫu 1 (dữ liệu mẫu)' })
  name: string;
  /** The ward or commune. */
  @ApiProperty({ format: 'uuid' })
  adminUnitId: string;
  adminUnit: AdminUnitRefDto;
  @ApiProperty({ type: Number, nullable: true, example: 1000 })
  areaM2: number | null;
  @ApiProperty({ type: String, nullable: true })
  contact: string | null;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ enum: PARTICIPANT_STATUSES })
  status: ParticipantStatus;
  /** Who selected them; set by `select`. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  selectedByOrganisationId: string | null;
  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  selectedByOrganisation: OrganisationRefDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2023-08-20' })
  selectedOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  withdrawReason: string | null;
  @ApiProperty({ type: String, nullable: true })
  statusNote: string | null;
  @ApiProperty({ enum: PARTICIPANT_ACTIONS, isArray: true })
  allowedActions: ParticipantAction[];
}

export class CreateProjectParticipantDto {
  /** `household` when not sent. */
  @ApiPropertyOptional({ enum: PARTICIPANT_KINDS, default: 'household' })
  @IsOptional()
  @IsIn(PARTICIPANT_KINDS)
  kind?: ParticipantKind;

  @ApiProperty({ example: 'Hộ mẫu 1 (dữ liệu mẫu)' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  /**
   * The ward or commune: one of the project's units or a unit inside one. A district officer's
   * must lie in their district.
   */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  adminUnitId: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: 1000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1_000_000_000)
  areaM2?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contact?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateProjectParticipantDto extends PartialType(CreateProjectParticipantDto) {}

/** Many participants at once: all are added, or (any row invalid) none. */
export class BulkCreateProjectParticipantsDto {
  @ApiProperty({ type: [CreateProjectParticipantDto], maxItems: MAX_BULK_PARTICIPANTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_PARTICIPANTS)
  @ValidateNested({ each: true })
  @Type(() => CreateProjectParticipantDto)
  items: CreateProjectParticipantDto[];
}

export class BulkProjectParticipantsDto {
  /** The participants added, in the order of the rows sent. */
  @ApiProperty({ type: [ProjectParticipantDto] })
  items: ProjectParticipantDto[];
  @ApiProperty({ example: 50 })
  count: number;
}

export class SelectProjectParticipantDto {
  /** Who selected them, e.g. the ward's People's Committee. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  selectedByOrganisationId: string;

  /** Today in Viet Nam when not sent. */
  @ApiPropertyOptional({ example: '2023-08-20' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  selectedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export class WithdrawProjectParticipantDto {
  @ApiPropertyOptional({ example: 'Hộ chuyển sang trồng cây khác' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

/** In the order they were added; the rows of one bulk add (added at one instant) by name. */
export const PROJECT_PARTICIPANT_SORT = defineSort(
  { createdAt: 'r.createdAt', name: 'r.name' },
  { default: 'createdAt,name' },
);

export class ProjectParticipantQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: PARTICIPANT_STATUSES })
  @IsOptional()
  @IsIn(PARTICIPANT_STATUSES)
  status?: ParticipantStatus;

  @ApiPropertyOptional({ enum: PARTICIPANT_KINDS })
  @IsOptional()
  @IsIn(PARTICIPANT_KINDS)
  kind?: ParticipantKind;

  /** Participants of this ward or commune. */
  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  @SortParam(PROJECT_PARTICIPANT_SORT)
  sort?: string;
}
