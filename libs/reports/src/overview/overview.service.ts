import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  calendarDate,
  Clock,
  narrows,
  RecordWriter,
  RequestValidationError,
  vietnamInstant,
} from '@app/platform';
import { REPORT_UNIT } from '../access/report-kinds';
import type { OverviewQueryDto } from '../dto/report-query.dto';
import { periodLabel, reportPeriod, type ReportPeriod } from '../period/report-period';
import { headlineFigures, runSections } from '../sql/figures';
import { readSnapshot } from '../sql/read-only';
import {
  departmentProvince,
  type Grouping,
  loadUnit,
  overviewGrouping,
  reportUnit,
  type UnitRow,
} from '../sql/unit-map';
import type { OverviewReportDto, OverviewRowDto } from './overview.dto';

@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Every unit of the province side by side, and the totals: the grouping (a few small queries
   * on the registry), then six statements, each giving every row and the totals at once.
   */
  async report(actor: Actor, query: OverviewQueryDto): Promise<OverviewReportDto> {
    const now = this.clock.now();
    const today = calendarDate(now);
    const period = reportPeriod(query, today);
    const groupBy = query.groupBy ?? 'unit';
    return readSnapshot(this.dataSource, async (manager) => {
      const province = query.provinceId
        ? await this.province(manager, query.provinceId)
        : await departmentProvince(manager);
      const grouping = await this.visible(
        actor,
        await overviewGrouping(manager, province, period, groupBy),
      );
      const lines = await runSections(manager, {
        unitIds: grouping.unitIds,
        rowIds: grouping.rowIds,
        period,
        today,
        withItems: false,
      });
      const rows: OverviewRowDto[] = grouping.rows.map((row) => ({
        adminUnit: reportUnit(row),
        provinceLevel: false,
        report: reportPath(row.id, period),
        ...headlineFigures(lines, row.id),
      }));
      if (grouping.unitIds.length > 0 && grouping.rowIds.includes(province.id)) {
        rows.push({
          adminUnit: reportUnit(province),
          provinceLevel: true,
          report: null,
          ...headlineFigures(lines, province.id),
        });
      }
      return {
        province: reportUnit(province),
        provincesInForce: grouping.provincesInForce.map(reportUnit),
        groupBy,
        period: { ...period, label: periodLabel(period) },
        today,
        generatedAt: vietnamInstant(now),
        rows,
        totals: headlineFigures(lines, null),
      };
    });
  }

  private async province(manager: Parameters<typeof loadUnit>[0], id: string): Promise<UnitRow> {
    const unit = await loadUnit(manager, id);
    if (unit === null)
      throw RequestValidationError.field('provinceId', 'no administrative unit has this id');
    if (unit.level !== 'province') {
      throw RequestValidationError.field(
        'provinceId',
        `must be a province; ${unit.name} (${unit.code}) is a ${unit.level}`,
      );
    }
    return unit;
  }

  /**
   * A district officer sees the row of their own unit only (the district rule, in SQL on the
   * units), without the province's row; the totals are then theirs.
   */
  private async visible(actor: Actor, grouping: Grouping): Promise<Grouping> {
    if (!narrows('district', actor)) return grouping;
    const ids = grouping.rows.map((r) => r.id);
    const reachable = new Set(
      ids.length === 0
        ? []
        : (
            await this.writer
              .query(actor, REPORT_UNIT)
              .select('r.id', 'id')
              .andWhere('r.id IN (:...ids)', { ids })
              .getRawMany<{ id: string }>()
          ).map((r) => r.id),
    );
    const keep = grouping.rowIds.map((row) => reachable.has(row));
    return {
      ...grouping,
      rows: grouping.rows.filter((r) => reachable.has(r.id)),
      unitIds: grouping.unitIds.filter((_, i) => keep[i]),
      rowIds: grouping.rowIds.filter((_, i) => keep[i]),
    };
  }
}

/** The district-activity report of a row's unit for the same period: the lists behind its figures. */
function reportPath(unitId: string, period: ReportPeriod): string {
  const when = period.year !== null ? `year=${period.year}` : `from=${period.from}&to=${period.to}`;
  return `/api/v1/reports/district-activity?adminUnitId=${unitId}&${when}`;
}
