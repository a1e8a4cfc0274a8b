import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineSort, ListQueryDto, RecordDto, SortParam } from '@app/platform';

export class TaskUpdateDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  taskId: string;
  @ApiProperty({ example: 'Đã liên hệ Công ty Cổ phần Dược thảo Fungi' })
  note: string;
  /** Progress in percent, when given. */
  @ApiProperty({ type: Number, nullable: true, example: 50 })
  percent: number | null;
  /** The user who posted it. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  authorId: string | null;
  /** Their full name. */
  @ApiProperty({ type: String, nullable: true, example: 'Chuyên viên Trung tâm' })
  authorName: string | null;
}

export class CreateTaskUpdateDto {
  @ApiProperty({ example: 'Đã liên hệ Công ty Cổ phần Dược thảo Fungi' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note: string;

  /**
   * 0–100. Never lower than the task's latest percent, unless the task was reopened since that
   * percent was reported.
   */
  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;
}

export const TASK_UPDATE_SORT = defineSort({ createdAt: 'r.createdAt' }, { default: '-createdAt' });

export class TaskUpdateQueryDto extends ListQueryDto {
  @SortParam(TASK_UPDATE_SORT)
  sort?: string;
}
