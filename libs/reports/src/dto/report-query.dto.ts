import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDate, ToInteger } from '@app/platform';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_YEARS = { min: 2000, max: 2100 } as const;

/**
 * How a report answers: JSON (the default), or a file: CSV (UTF-8 with BOM), XLSX (one sheet per
 * section) or an A4 PDF, named after the report (`bao-cao-binh-thuy-2023.xlsx`).
 */
export class ReportFormatQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A reporting year, or a range of calendar days in Viet Nam (`from` and `to`, both included). */
export class ReportPeriodQueryDto extends ReportFormatQueryDto {
  /** The reporting year; or give `from` and `to` instead. */
  @ApiPropertyOptional({ minimum: REPORT_YEARS.min, maximum: REPORT_YEARS.max, example: 2023 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(REPORT_YEARS.min)
  @Max(REPORT_YEARS.max)
  year?: number;

  /** First day of the period (with `to`, instead of `year`). */
  @ApiPropertyOptional({ example: '2023-07-01' })
  @IsOptional()
  @IsCalendarDate({ minYear: REPORT_YEARS.min, maxYear: REPORT_YEARS.max })
  from?: string;

  /** Last day of the period, included. */
  @ApiPropertyOptional({ example: '2023-09-30' })
  @IsOptional()
  @IsCalendarDate({ minYear: REPORT_YEARS.min, maxYear: REPORT_YEARS.max })
  to?: string;
}

export const REPORT_ITEMS = ['all', 'none'] as const;
export type ReportItems = (typeof REPORT_ITEMS)[number];

export class DistrictActivityQueryDto extends ReportPeriodQueryDto {
  /**
   * `all` (default): every figure with the list behind it. `none`: the figures only (byLead
   * included), without the sections' `items`: a few kilobytes instead of megabytes for a busy
   * district. JSON only; the files always carry the lists.
   */
  @ApiPropertyOptional({ enum: REPORT_ITEMS, default: 'all' })
  @IsOptional()
  @IsIn(REPORT_ITEMS)
  items?: ReportItems;

  /**
   * The district (before the July 2025 reform) or commune (after it): a unit directly under a
   * province. A dissolved district reports on its past years.
   */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  adminUnitId: string;
}

export const OVERVIEW_GROUPINGS = ['unit', 'district'] as const;
export type OverviewGrouping = (typeof OVERVIEW_GROUPINGS)[number];

export class OverviewQueryDto extends ReportPeriodQueryDto {
  /**
   * The province (or centrally-run city). Default: the province of the Department (the one
   * organisation of kind `department`). Either era's unit may be given: the overview takes the
   * provinces in force during the period that it is, or that it came from or went into.
   */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  provinceId?: string;

  /**
   * `unit` (default): one row per unit directly under the province in force during the period
   * (the districts before 1 July 2025, the communes after; a period spanning the reform lists
   * both). `district`: one row per district of before the reform, whatever the period: a later
   * period's records are traced back to them through the successor links.
   */
  @ApiPropertyOptional({ enum: OVERVIEW_GROUPINGS, default: 'unit' })
  @IsOptional()
  @IsIn(OVERVIEW_GROUPINGS)
  groupBy?: OverviewGrouping;
}

export class TaskFollowUpQueryDto extends ReportFormatQueryDto {
  /** Only this lead unit (unit staff: their own; another answers 404). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadOrganisationId?: string;

  /**
   * Tasks assigned from this day (the day of the session they come from, or the day the task
   * was recorded when it comes from none), with `to`. Without both: every task.
   */
  @ApiPropertyOptional({ example: '2023-01-01' })
  @IsOptional()
  @IsCalendarDate({ minYear: REPORT_YEARS.min, maxYear: REPORT_YEARS.max })
  from?: string;

  /** Tasks assigned up to this day, included. */
  @ApiPropertyOptional({ example: '2023-12-31' })
  @IsOptional()
  @IsCalendarDate({ minYear: REPORT_YEARS.min, maxYear: REPORT_YEARS.max })
  to?: string;
}
