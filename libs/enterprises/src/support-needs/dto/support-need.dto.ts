import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  defineSort,
  IsCalendarDate,
  ListQueryDto,
  RecordDto,
  SortParam,
  ToBoolean,
} from '@app/platform';
import { SUPPORT_NEED_ACTIONS, type SupportNeedAction } from '../support-need-status';
import {
  SUPPORT_NEED_CATEGORIES,
  SUPPORT_NEED_STATUSES,
  type SupportNeedCategory,
  type SupportNeedStatus,
} from '../support-need.entity';

const YEARS = { minYear: 2000, maxYear: 2100 } as const;

export class SupportNeedDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  enterpriseId: string;
  @ApiProperty({ enum: SUPPORT_NEED_CATEGORIES })
  category: SupportNeedCategory;
  @ApiProperty({ example: 'Hỗ trợ xây dựng hệ thống quản lý chất lượng theo TCVN ISO 22000' })
  description: string;
  /** YYYY-MM-DD: when the need was first heard of. */
  @ApiProperty({ example: '2023-08-08' })
  reportedOn: string;
  /** reported → confirmed → supported; reported or confirmed → declined. */
  @ApiProperty({ enum: SUPPORT_NEED_STATUSES })
  status: SupportNeedStatus;
  /** YYYY-MM-DD: when the enterprise confirmed it; null until then. */
  @ApiProperty({ type: String, nullable: true, example: null })
  confirmedOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  confirmationNote: string | null;
  /** YYYY-MM-DD: when it was supported or declined; null while open. */
  @ApiProperty({ type: String, nullable: true, example: null })
  resolvedOn: string | null;
  /** What support was given, or why it was declined. */
  @ApiProperty({ type: String, nullable: true, example: null })
  resolutionNote: string | null;
  /** The status actions allowed now. */
  @ApiProperty({ enum: SUPPORT_NEED_ACTIONS, isArray: true })
  allowedActions: SupportNeedAction[];
}

export class CreateSupportNeedDto {
  @ApiProperty({ enum: SUPPORT_NEED_CATEGORIES })
  @IsIn(SUPPORT_NEED_CATEGORIES)
  category: SupportNeedCategory;

  @ApiProperty({ example: 'Hỗ trợ xây dựng hệ thống quản lý chất lượng theo TCVN ISO 22000' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  description: string;

  /** YYYY-MM-DD, not after today in Viet Nam. */
  @ApiProperty({ example: '2023-08-08' })
  @IsCalendarDate(YEARS)
  reportedOn: string;
}

export class UpdateSupportNeedDto extends PartialType(CreateSupportNeedDto) {}

/** The body of `confirm`, `support` and `decline`: the day of the step and a note. */
export class SupportNeedActionDto {
  /** YYYY-MM-DD: not before the step it follows, not after today in Viet Nam. */
  @ApiProperty({ example: '2023-09-15' })
  @IsCalendarDate(YEARS)
  date: string;

  @ApiProperty({ example: 'Đã liên hệ giám đốc công ty; doanh nghiệp xác nhận nhu cầu' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export const SUPPORT_NEED_SORT = defineSort(
  { reportedOn: 'r.reportedOn', category: 'r.category', createdAt: 'r.createdAt' },
  { default: '-reportedOn' },
);

export class SupportNeedQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: SUPPORT_NEED_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_NEED_STATUSES)
  status?: SupportNeedStatus;

  @ApiPropertyOptional({ enum: SUPPORT_NEED_CATEGORIES })
  @IsOptional()
  @IsIn(SUPPORT_NEED_CATEGORIES)
  category?: SupportNeedCategory;

  /** true: only needs still to act on (reported or confirmed); false: supported or declined. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  open?: boolean;

  @SortParam(SUPPORT_NEED_SORT)
  sort?: string;
}
