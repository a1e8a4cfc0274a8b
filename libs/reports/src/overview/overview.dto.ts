import { ApiProperty } from '@nestjs/swagger';
import { HeadlineFiguresDto, ReportPeriodDto, ReportUnitDto } from '../dto/figures.dto';
import { OVERVIEW_GROUPINGS, type OverviewGrouping } from '../dto/report-query.dto';

export class OverviewRowDto extends HeadlineFiguresDto {
  /** The district or commune of this row (or the province, for the province's own row). */
  @ApiProperty({ type: ReportUnitDto })
  adminUnit: ReportUnitDto;
  /**
   * True for the province's own row: records placed on the province itself, and records whose
   * unit leads through the successor links to several rows, so belongs to none of them alone.
   */
  @ApiProperty()
  provinceLevel: boolean;
  /** The path of this unit's district-activity report (the lists behind these figures); null on the province's row. */
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/reports/district-activity?adminUnitId=5f0c…&year=2023',
  })
  report: string | null;
}

/**
 * Every district (or commune) side by side with the same headline figures, and the province's
 * totals; a unit with nothing recorded shows zeros. Every record counts in exactly one row, so
 * the rows add up to the totals.
 */
export class OverviewReportDto {
  /** The province asked for (or the Department's). */
  @ApiProperty({ type: ReportUnitDto })
  province: ReportUnitDto;
  /** The provinces in force during the period whose units are the rows (it, or those it came from or went into). */
  @ApiProperty({ type: [ReportUnitDto] })
  provincesInForce: ReportUnitDto[];
  @ApiProperty({ enum: OVERVIEW_GROUPINGS })
  groupBy: OverviewGrouping;
  @ApiProperty({ type: ReportPeriodDto })
  period: ReportPeriodDto;
  @ApiProperty({ example: '2026-01-15' })
  today: string;
  @ApiProperty({ example: '2026-01-15T10:00:00+07:00' })
  generatedAt: string;
  /** By code, then the province's own row last. */
  @ApiProperty({ type: [OverviewRowDto] })
  rows: OverviewRowDto[];
  /** Every row added up (a district officer: their own row). */
  @ApiProperty({ type: HeadlineFiguresDto })
  totals: HeadlineFiguresDto;
}
