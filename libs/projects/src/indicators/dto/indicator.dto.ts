import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineSort, IsCalendarDate, ListQueryDto, RecordDto, SortParam } from '@app/platform';

/** Values fit `numeric(15, 4)`: 11 digits before the point, 4 after. */
const LIMIT = 99_999_999_999;

export class ProjectIndicatorDto extends RecordDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;
  @ApiProperty({ example: 'Năng suất khổ qua' })
  name: string;
  @ApiProperty({ example: 'kg/1000 m²' })
  unit: string;
  @ApiProperty({ type: Number, nullable: true, example: 4000 })
  target: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 3500 })
  actual: number | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-06-30' })
  measuredOn: string | null;
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  /** actual / target when the target is positive and an actual is recorded (read only); else null. */
  @ApiProperty({ type: Number, nullable: true, example: 0.875 })
  progress: number | null;
}

export class CreateProjectIndicatorDto {
  /** Unique among the project's indicators. */
  @ApiProperty({ example: 'Năng suất khổ qua' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  name: string;

  @ApiProperty({ example: 'kg/1000 m²' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  unit: string;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 4000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-LIMIT)
  @Max(LIMIT)
  target?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 3500 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-LIMIT)
  @Max(LIMIT)
  actual?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2024-06-30' })
  @IsOptional()
  @IsCalendarDate({ minYear: 2000, maxYear: 2100 })
  measuredOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class UpdateProjectIndicatorDto extends PartialType(CreateProjectIndicatorDto) {}

/** Indicators in the order they were added. */
export const PROJECT_INDICATOR_SORT = defineSort(
  { createdAt: 'r.createdAt', name: 'r.name' },
  { default: 'createdAt' },
);

export class ProjectIndicatorQueryDto extends ListQueryDto {
  @SortParam(PROJECT_INDICATOR_SORT)
  sort?: string;
}
