import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
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
  IsCalendarDate,
  IsInstant,
  RecordDto,
  SortParam,
  ToInteger,
} from '@app/platform';
import { AdminUnitRefDto } from '@app/registry';
import { SessionParticipantDto } from '../../participants/dto/session-participant.dto';
import { SessionRecordDto } from '../../records/dto/session-record.dto';
import { SESSION_ACTIONS, type SessionAction } from '../session-status';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  SESSION_TOPICS,
  type SessionKind,
  type SessionStatus,
  type SessionTopic,
} from '../working-session.entity';

const TOPICS_DESCRIPTION =
  'What the session discussed: intellectual_property (sở hữu trí tuệ), st_enterprises ' +
  '(doanh nghiệp KH&CN), agriculture_technology (ứng dụng tiến bộ KH&CN vào nông nghiệp, sản ' +
  'xuất), research_development (nghiên cứu khoa học, phát triển công nghệ), technology_innovation ' +
  '(đổi mới công nghệ), standards_quality (tiêu chuẩn, đo lường, chất lượng), ip_programme ' +
  '(Chương trình phát triển tài sản trí tuệ), technology_innovation_programme (Chương trình đổi ' +
  'mới công nghệ), other. Kept in this order, without repeats.';

export class WorkingSessionDto extends RecordDto {
  @ApiProperty({ enum: SESSION_KINDS })
  kind: SessionKind;
  @ApiProperty({
    example:
      'Làm việc với UBND quận Bình Thủy về triển khai các hoạt động khoa học và công nghệ năm 2023',
  })
  title: string;
  /** When it started: an ISO 8601 instant in Viet Nam time. */
  @ApiProperty({ example: '2023-08-08T14:00:00+07:00' })
  startsAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Hội trường Quận ủy Bình Thủy' })
  venue: string | null;
  /** The district or commune that hosted it. */
  @ApiProperty({ format: 'uuid' })
  hostAdminUnitId: string;
  /** The host unit named, with its code and province. */
  hostAdminUnit: AdminUnitRefDto;
  /** The year the session reports on. */
  @ApiProperty({ example: 2023 })
  reportingYear: number;
  /** Part of the year reported on, e.g. "7 tháng đầu năm". */
  @ApiProperty({ type: String, nullable: true, example: null })
  periodLabel: string | null;
  @ApiProperty({ enum: SESSION_TOPICS, isArray: true, description: TOPICS_DESCRIPTION })
  topics: SessionTopic[];
  @ApiProperty({ type: String, nullable: true })
  summary: string | null;
  /** planned → held → closed; or cancelled. Changed only by the status actions. */
  @ApiProperty({ enum: SESSION_STATUSES })
  status: SessionStatus;
  /** The note given with the latest status action. */
  @ApiProperty({ type: String, nullable: true })
  statusNote: string | null;
  /** Why it was cancelled. */
  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;
  /** The status actions allowed now. */
  @ApiProperty({ enum: SESSION_ACTIONS, isArray: true })
  allowedActions: SessionAction[];
}

/** A session as another record shows it beside its id (a task's source). */
export class SessionRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Làm việc với UBND quận Bình Thủy về hoạt động KH&CN năm 2023' })
  title: string;
  /** When it started, in Viet Nam time. */
  @ApiProperty({ example: '2023-08-08T14:00:00+07:00' })
  startsAt: string;
  @ApiProperty({ format: 'uuid' })
  hostAdminUnitId: string;
}

/** A follow-up task of a session, as the session's view shows it. */
export class SessionTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  /** open, in_progress, done or cancelled. */
  status: string;
  /** Not done, not cancelled, and due before today in Viet Nam. */
  overdue: boolean;
  /** YYYY-MM-DD; null when the task has no due date. */
  @ApiProperty({ type: String, nullable: true, example: '2023-09-30' })
  dueDate: string | null;
  @ApiProperty({ format: 'uuid' })
  leadOrganisationId: string;
  @ApiProperty({ example: 'Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ' })
  leadOrganisationName: string;
  /** The conclusion it comes from, if any. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sourceRecordId: string | null;
}

/**
 * A session with everything recorded about it: participants (with names), opinions and conclusions
 * in order, and the tasks that follow it up.
 */
export class WorkingSessionDetailDto extends WorkingSessionDto {
  @ApiProperty({ type: [SessionParticipantDto] })
  participants: SessionParticipantDto[];
  @ApiProperty({ type: [SessionRecordDto] })
  records: SessionRecordDto[];
  @ApiProperty({ type: [SessionTaskDto] })
  tasks: SessionTaskDto[];
}

export class CreateWorkingSessionDto {
  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({
    example:
      'Làm việc với UBND quận Bình Thủy về triển khai các hoạt động khoa học và công nghệ năm 2023',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  /** ISO 8601 with an offset; the year must lie in 2000–2100 (a typo like 20203 is refused). */
  @ApiProperty({ example: '2023-08-08T14:00:00+07:00' })
  @IsInstant({ minYear: 2000, maxYear: 2100 })
  startsAt: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Hội trường Quận ủy Bình Thủy' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  /** A district or commune in force on the session's date (in Viet Nam). */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  hostAdminUnitId: string;

  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  reportingYear: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '7 tháng đầu năm' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  periodLabel?: string | null;

  @ApiPropertyOptional({ enum: SESSION_TOPICS, isArray: true, description: TOPICS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SESSION_TOPICS.length)
  @ArrayUnique()
  @IsIn(SESSION_TOPICS, { each: true })
  topics?: SessionTopic[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  summary?: string | null;
}

export class UpdateWorkingSessionDto extends PartialType(CreateWorkingSessionDto) {}

/** The body of a status action; `reason` is required by `cancel` and `reopen`, and only taken there. */
export class SessionActionDto {
  @ApiPropertyOptional({ example: 'Biên bản đã được thống nhất' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ example: 'Lãnh đạo quận bận công tác đột xuất' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export const WORKING_SESSION_SORT = defineSort(
  {
    startsAt: 'r.startsAt',
    title: 'r.title',
    reportingYear: 'r.reportingYear',
    createdAt: 'r.createdAt',
  },
  { default: '-startsAt' },
);

export class WorkingSessionQueryDto extends DeletableListQueryDto {
  /** Sessions hosted by exactly this unit. */
  @IsOptional()
  @IsUUID()
  hostAdminUnitId?: string;

  /** The reporting year. */
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOptional()
  @IsIn(SESSION_KINDS)
  kind?: SessionKind;

  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  /** Sessions starting on or after this day (YYYY-MM-DD, Viet Nam time). */
  @ApiPropertyOptional({ example: '2023-01-01' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  from?: string;

  /** Sessions starting on or before this day (YYYY-MM-DD, Viet Nam time). */
  @ApiPropertyOptional({ example: '2023-12-31' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  to?: string;

  @SortParam(WORKING_SESSION_SORT)
  sort?: string;
}
