import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DeletableListQueryDto,
  defineSort,
  FollowUpTaskDto,
  IsCalendarDate,
  RecordDto,
  SortParam,
} from '@app/platform';
import { AdminUnitRefDto, OrganisationRefDto } from '@app/registry';
import { ProjectIndicatorDto } from '../../indicators/dto/indicator.dto';
import {
  PROJECT_KINDS,
  PROJECT_STATUSES,
  type ProjectKind,
  type ProjectStatus,
} from '../project.entity';
import { PROJECT_ACTIONS, type ProjectAction } from '../project-status';

/** Dates of projects and decisions: a typo like 20203 is refused, never stored. */
export const PROJECT_DATE_RANGE = { minYear: 2000, maxYear: 2100 } as const;

/** The largest amount the API takes exactly: Number.MAX_SAFE_INTEGER đồng. */
const MAX_VND = Number.MAX_SAFE_INTEGER;

/** A programme as a project shows it beside its id. */
export class ProgrammeRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'SHTT-2023' })
  code: string;
  @ApiProperty({ example: 'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ năm 2023' })
  name: string;
}

/** The budget in whole đồng by source; null where unknown (never a guess of 0). */
export class BudgetDto {
  /** Ngân sách nhà nước. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  stateBudget: number | null;
  /** Vốn đối ứng. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  counterpart: number | null;
  /** Other sources. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  other: number | null;
  /** The sum of the known parts (read only); null when none is known. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  total: number | null;
}

export class ProjectDto extends RecordDto {
  @ApiProperty({ enum: PROJECT_KINDS })
  kind: ProjectKind;
  @ApiProperty({
    example: 'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy',
  })
  title: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  programmeId: string | null;
  /** The programme, named (read only). */
  @ApiProperty({ type: ProgrammeRefDto, nullable: true })
  programme: ProgrammeRefDto | null;
  /** The organisation in charge (đơn vị chủ trì). */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadOrganisationId: string | null;
  @ApiProperty({ type: OrganisationRefDto, nullable: true })
  leadOrganisation: OrganisationRefDto | null;
  /** Partner organisations (đơn vị phối hợp), by name. */
  @ApiProperty({ type: [String], format: 'uuid' })
  partnerOrganisationIds: string[];
  @ApiProperty({ type: [OrganisationRefDto] })
  partnerOrganisations: OrganisationRefDto[];
  /** The administrative units the project runs in, by code. */
  @ApiProperty({ type: [String], format: 'uuid' })
  adminUnitIds: string[];
  @ApiProperty({ type: [AdminUnitRefDto] })
  adminUnits: AdminUnitRefDto[];
  @ApiProperty({ type: String, nullable: true, example: '2023-09-01' })
  plannedStart: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-08-31' })
  plannedEnd: string | null;
  /** Set by `start`. */
  @ApiProperty({ type: String, nullable: true, example: null })
  actualStart: string | null;
  /** Set by `complete`. */
  @ApiProperty({ type: String, nullable: true, example: null })
  actualEnd: string | null;
  budget: BudgetDto;
  /** The approving decision's document number. */
  @ApiProperty({ type: String, nullable: true, example: null })
  decisionNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  decisionDate: string | null;
  @ApiProperty({ enum: PROJECT_STATUSES })
  status: ProjectStatus;
  @ApiProperty({ type: String, nullable: true })
  statusNote: string | null;
  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;
  /** The status actions allowed now. */
  @ApiProperty({ enum: PROJECT_ACTIONS, isArray: true })
  allowedActions: ProjectAction[];
}

/** Participants counted by status. */
export class ParticipantCountsDto {
  @ApiProperty({ example: 50 })
  total: number;
  @ApiProperty({ example: 20 })
  proposed: number;
  @ApiProperty({ example: 30 })
  selected: number;
  @ApiProperty({ example: 0 })
  withdrawn: number;
}

/** One ward's (or commune's) participants, counted by status, with the area selected there. */
export class WardParticipantsDto extends ParticipantCountsDto {
  @ApiProperty({ format: 'uuid' })
  adminUnitId: string;
  adminUnit: AdminUnitRefDto;
  /** The area of the selected participants there, in m² (those with no area count as 0). */
  @ApiProperty({ example: 15000 })
  selectedAreaM2: number;
}

export class ProjectParticipantsSummaryDto {
  byStatus: ParticipantCountsDto;
  /** By ward, in the order of the wards' codes. */
  @ApiProperty({ type: [WardParticipantsDto] })
  byWard: WardParticipantsDto[];
}

/** A project as its page shows it: participants by status and ward, indicators, and its tasks. */
export class ProjectDetailDto extends ProjectDto {
  participants: ProjectParticipantsSummaryDto;
  @ApiProperty({ type: [ProjectIndicatorDto] })
  indicators: ProjectIndicatorDto[];
  /** The follow-up tasks about this project (`subjectType` project). */
  @ApiProperty({ type: [FollowUpTaskDto] })
  tasks: FollowUpTaskDto[];
}

/** Amounts in whole đồng; null (or absent on create) when unknown. */
export class BudgetInputDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  stateBudget?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  counterpart?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  other?: number | null;
}

export class CreateProjectDto {
  @ApiProperty({ enum: PROJECT_KINDS })
  @IsIn(PROJECT_KINDS)
  kind: ProjectKind;

  @ApiProperty({
    example: 'Ứng dụng quy trình sản xuất khổ qua ghép gốc mướp trên địa bàn quận Bình Thủy',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  programmeId?: string | null;

  /** A district officer may name only organisations of their district. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string | null;

  /** Not the lead; replaces the whole list when sent in a PATCH. */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  partnerOrganisationIds?: string[];

  /**
   * One or more units the project runs in; replaces the whole list when sent in a PATCH. A
   * district officer adds or removes only units of their district.
   */
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  adminUnitIds: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2023-09-01' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  plannedStart?: string | null;

  /** Not before `plannedStart`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-08-31' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  plannedEnd?: string | null;

  /** In a PATCH, only the parts sent change. */
  @ApiPropertyOptional({ type: BudgetInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetInputDto)
  budget?: BudgetInputDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decisionNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  decisionDate?: string | null;
}

export class UpdateProjectDto extends PartialType(CreateProjectDto) {
  /** A correction while the project is in progress (`start` sets it); not after today. */
  @ApiPropertyOptional({ type: String, example: '2023-09-05' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  actualStart?: string;
}

export class ApproveProjectDto {
  @ApiPropertyOptional({ example: 'Đã có quyết định phê duyệt' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  /** The approving decision's number; kept as recorded when not sent. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decisionNumber?: string;

  /** The decision's date; kept as recorded when not sent. */
  @ApiPropertyOptional({ example: '2023-07-15' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  decisionDate?: string;
}

export class StartProjectDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  /** The day it started; today in Viet Nam when not sent. Not after today. */
  @ApiPropertyOptional({ example: '2023-09-05' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  actualStart?: string;
}

export class CompleteProjectDto {
  @ApiPropertyOptional({ example: 'Đã nghiệm thu mô hình' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  /**
   * The day it ended; when not sent, the actual end already recorded, else today in Viet Nam.
   * Not before the actual start, not after today.
   */
  @ApiPropertyOptional({ example: '2024-08-30' })
  @IsOptional()
  @IsCalendarDate(PROJECT_DATE_RANGE)
  actualEnd?: string;
}

export class CancelProjectDto {
  @ApiProperty({ example: 'Không bố trí được kinh phí đối ứng' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export const PROJECT_SORT = defineSort(
  {
    createdAt: 'r.createdAt',
    title: 'r.title',
    plannedStart: 'r.plannedStart',
    actualStart: 'r.actualStart',
  },
  { default: '-createdAt' },
);

export class ProjectQueryDto extends DeletableListQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_KINDS })
  @IsOptional()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @IsOptional()
  @IsUUID()
  programmeId?: string;

  /** Projects running in this unit or in a unit inside it (a district finds its wards' projects). */
  @IsOptional()
  @IsUUID()
  adminUnitId?: string;

  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string;

  /**
   * Projects running in this year: their period (actual dates where known, else planned; open
   * while it has no end) overlaps the year; a project with no dates at all, by its programme's
   * years.
   */
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(PROJECT_DATE_RANGE.minYear)
  @Max(PROJECT_DATE_RANGE.maxYear)
  year?: number;

  @SortParam(PROJECT_SORT)
  sort?: string;
}
