import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, calendarDate, Clock, RecordWriter, vietnamInstant } from '@app/platform';
import { REPORT_UNIT } from '../access/report-kinds';
import type { DistrictActivityQueryDto } from '../dto/report-query.dto';
import { periodLabel, reportPeriod } from '../period/report-period';
import {
  enterpriseFigures,
  ipFigures,
  itemsOf,
  lineOf,
  projectFigures,
  runSections,
  sessionFigures,
  supportNeedFigures,
  taskFigures,
} from '../sql/figures';
import { readSnapshot } from '../sql/read-only';
import { loadUnit, reportUnit, unitGrouping } from '../sql/unit-map';
import type { DistrictActivityReportDto, LeadTaskFiguresDto } from './district-activity.dto';

@Injectable()
export class DistrictActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RecordWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * One district's (or commune's) period with the lists behind every figure: the unit found in
   * the caller's scope (404 otherwise), its records placed as in the overview of its era, then
   * six statements in one snapshot.
   */
  async report(actor: Actor, query: DistrictActivityQueryDto): Promise<DistrictActivityReportDto> {
    const now = this.clock.now();
    const today = calendarDate(now);
    const period = reportPeriod(query, today);
    await this.writer.find(actor, REPORT_UNIT, query.adminUnitId);
    return readSnapshot(this.dataSource, async (manager) => {
      const unit = (await loadUnit(manager, query.adminUnitId))!;
      const grouping = await unitGrouping(manager, unit);
      const unitIds = grouping.unitIds.filter((_, i) => grouping.rowIds[i] === unit.id);
      const lines = await runSections(manager, {
        unitIds,
        rowIds: unitIds.map(() => unit.id),
        period,
        today,
        withItems: true,
      });
      const line = <K extends keyof typeof lines>(section: K) => lineOf(lines[section], unit.id);
      return {
        adminUnit: reportUnit(unit),
        province: reportUnit(grouping.province),
        period: { ...period, label: periodLabel(period) },
        today,
        generatedAt: vietnamInstant(now),
        workingSessions: { ...sessionFigures(line('sessions')), items: itemsOf(line('sessions')) },
        ipRegistrations: { ...ipFigures(line('ip')), items: itemsOf(line('ip')) },
        enterprises: {
          ...enterpriseFigures(line('enterprises')),
          items: itemsOf(line('enterprises')),
        },
        supportNeeds: { ...supportNeedFigures(line('needs')), items: itemsOf(line('needs')) },
        projects: {
          ...projectFigures(line('projects')),
          indicators: (line('projects')?.indicators as number | undefined) ?? 0,
          items: itemsOf(line('projects')),
        },
        tasks: {
          ...taskFigures(line('tasks')),
          byLead: (line('tasks')?.by_lead as LeadTaskFiguresDto[] | undefined) ?? [],
          items: itemsOf(line('tasks')),
        },
      };
    });
  }
}
