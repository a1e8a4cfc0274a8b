import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DeletableListQueryDto,
  defineSort,
  IsCalendarDate,
  RecordDto,
  SortParam,
  ToBoolean,
} from '@app/platform';
import { OrganisationRefDto, PersonRefDto } from '@app/registry';
import { SessionRefDto } from '@app/sessions';
import { TASK_ACTIONS, type TaskAction } from '../task-status';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '../task.entity';

export class TaskDto extends RecordDto {
  @ApiProperty({ example: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn' })
  title: string;
  @ApiProperty({ type: String, nullable: true })
  description: string | null;
  /** The unit in charge (đơn vị chủ trì). */
  @ApiProperty({ format: 'uuid' })
  leadOrganisationId: string;
  /** The unit in charge, named. */
  leadOrganisation: OrganisationRefDto;
  /** The co-operating units (đơn vị phối hợp). */
  @ApiProperty({ type: [String], format: 'uuid' })
  coOrganisationIds: string[];
  /** The co-operating units, named, in the order of their ids. */
  @ApiProperty({ type: [OrganisationRefDto] })
  coOrganisations: OrganisationRefDto[];
  /** Who gave the task. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  assignedByPersonId: string | null;
  /** Who gave the task, named with their position. */
  @ApiProperty({ type: PersonRefDto, nullable: true })
  assignedBy: PersonRefDto | null;
  /** YYYY-MM-DD; null when it has none. */
  @ApiProperty({ type: String, nullable: true, example: '2023-10-31' })
  dueDate: string | null;
  @ApiProperty({ enum: TASK_PRIORITIES })
  priority: TaskPriority;
  /** The working session it follows up, if any. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sourceSessionId: string | null;
  /** The session it follows up: its title and when it was held. */
  @ApiProperty({ type: SessionRefDto, nullable: true })
  sourceSession: SessionRefDto | null;
  /** The conclusion of that session it comes from, if any. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  sourceRecordId: string | null;
  /** The kind of record the task concerns, e.g. `enterprise`, `project`, `ip_registration`. */
  @ApiProperty({ type: String, nullable: true, example: null })
  subjectType: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  subjectId: string | null;
  /** open → in_progress → done; or cancelled; done and cancelled tasks may be reopened. */
  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;
  /** Not done, not cancelled, and due before today in Viet Nam (Asia/Ho_Chi_Minh). */
  @ApiProperty({ example: false })
  overdue: boolean;
  /** Done after its due date (the day of completion in Viet Nam), so late work stays visible. */
  @ApiProperty({ example: false })
  completedLate: boolean;
  /** Done late: the days after the due date it was completed; overdue: the days past it today. */
  @ApiProperty({ type: Number, nullable: true, example: null })
  daysLate: number | null;
  /** What the caller's organisation is to the task: its lead unit, a co-operating unit, or neither. */
  @ApiProperty({ enum: ['lead', 'co_operating'], nullable: true, example: 'lead' })
  myRole: TaskRole | null;
  /** The latest progress reported, 0–100 (100 once completed). */
  @ApiProperty({ type: Number, nullable: true, example: 40 })
  percent: number | null;
  @ApiProperty({ type: String, nullable: true })
  completionNote: string | null;
  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;
  /** The note given with the latest status action. */
  @ApiProperty({ type: String, nullable: true })
  statusNote: string | null;
  /** When it was completed (ISO 8601); null unless done. */
  @ApiProperty({ type: String, nullable: true })
  completedAt: string | null;
  /** The status actions allowed now. */
  @ApiProperty({ enum: TASK_ACTIONS, isArray: true })
  allowedActions: TaskAction[];
}

export class CreateTaskDto {
  @ApiProperty({ example: 'Viết dự án đề xuất xử lý nước ở Cồn Sơn' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  leadOrganisationId: string;

  /** Co-operating units; not the lead. Replaces the whole list when sent in a PATCH. */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coOrganisationIds?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  assignedByPersonId?: string | null;

  /** YYYY-MM-DD, a year in 2000–2100. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '2023-10-31' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  /** The working session it follows up. Optional: tasks also arise outside sessions. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  sourceSessionId?: string | null;

  /**
   * A conclusion of the source session. Sent alone, it sets `sourceSessionId` to that conclusion's
   * session.
   */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  sourceRecordId?: string | null;

  /** A registered record type (e.g. `organisation`, `working_session`); with `subjectId`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Matches(/^[a-z_]+$/, { message: 'must be a record type such as organisation or project' })
  subjectType?: string | null;

  /** The record the task concerns; it must exist. With `subjectType`. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  subjectId?: string | null;
}

export class UpdateTaskDto extends PartialType(CreateTaskDto) {}

/** The body of a status action: `complete` needs `note`; `cancel` needs `reason` (only it takes one). */
export class TaskActionDto {
  @ApiPropertyOptional({ example: 'Đã gửi dự án đề xuất cho Sở' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ example: 'Nội dung đã được giao cho đơn vị khác' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export const TASK_ROLES = ['lead', 'co_operating'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

export const TASK_SORT = defineSort(
  {
    // Tasks without a due date sort as if due after every date.
    dueDate: `COALESCE(r.dueDate, DATE 'infinity')`,
    createdAt: 'r.createdAt',
    title: 'r.title',
  },
  {
    default: 'dueDate',
    note: 'Tasks without a due date sort as if due after every date (last with dueDate, first with -dueDate).',
  },
);

export class TaskQueryDto extends DeletableListQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES })
  @IsOptional()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string;

  @IsOptional()
  @IsUUID()
  sourceSessionId?: string;

  /** Tasks of the sessions hosted by this unit or one of its communes. */
  @IsOptional()
  @IsUUID()
  hostAdminUnitId?: string;

  /**
   * true: the tasks your organisation leads or co-operates on (each marked by `myRole`); for an
   * account bound to an organisation.
   */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  mine?: boolean;

  /** Only the tasks your organisation has this role in (with `mine=true`). */
  @ApiPropertyOptional({ enum: TASK_ROLES })
  @IsOptional()
  @IsIn(TASK_ROLES)
  myRole?: TaskRole;

  /** true: only tasks done after their due date; false: all but those. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  doneLate?: boolean;

  /** true: only overdue tasks (not done, not cancelled, due before today in Viet Nam); false: the others. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;

  /** Due strictly before this date (YYYY-MM-DD). */
  @ApiPropertyOptional({ example: '2023-12-31' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  dueBefore?: string;

  /** Due strictly after this date (YYYY-MM-DD). */
  @ApiPropertyOptional({ example: '2023-01-01' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  dueAfter?: string;

  /** With `subjectId`: the tasks concerning one record. */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  subjectType?: string;

  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @SortParam(TASK_SORT)
  sort?: string;
}
