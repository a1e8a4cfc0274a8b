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
  itemsText,
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
   * six statements in one snapshot. For the files, the lists parsed.
   */
  async report(actor: Actor, query: DistrictActivityQueryDto): Promise<DistrictActivityReportDto> {
    const { report, lists } = await this.build(actor, query, true);
    const parsed = lists.map((text) => JSON.parse(text) as unknown);
    const items = (section: { items?: unknown }) => {
      section.items = parsed[section.items as number];
    };
    for (const section of sections(report)) items(section);
    return report;
  }

  /**
   * The same report as JSON text. The lists are the text PostgreSQL made (json_agg), put in
   * as they are: parsing and writing again megabytes of a busy district's tasks cost more than
   * the rest of the request. `items=none` leaves them out.
   */
  async json(actor: Actor, query: DistrictActivityQueryDto): Promise<string> {
    const withLists = query.items !== 'none';
    const { report, lists } = await this.build(actor, query, withLists);
    if (!withLists) {
      for (const section of sections(report)) delete section.items;
      return JSON.stringify(report);
    }
    // Each list's place holds its index; a NUL never occurs in PostgreSQL text.
    for (const section of sections(report)) section.items = `\0${section.items as number}`;
    return JSON.stringify(report).replace(/"\\u0000(\d+)"/g, (_, i: string) => lists[Number(i)]);
  }

  private async build(
    actor: Actor,
    query: DistrictActivityQueryDto,
    withLists: boolean,
  ): Promise<{ report: DistrictActivityReportDto; lists: string[] }> {
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
        figuresOnly: !withLists,
      });
      const line = <K extends keyof typeof lines>(section: K) => lineOf(lines[section], unit.id);
      // Each section's `items` holds, for now, the index of its list's text in `lists`.
      const lists: string[] = [];
      const list = (section: keyof typeof lines): never =>
        (lists.push(itemsText(line(section))) - 1) as never;
      const report: DistrictActivityReportDto = {
        adminUnit: reportUnit(unit),
        province: reportUnit(grouping.province),
        period: { ...period, label: periodLabel(period) },
        today,
        generatedAt: vietnamInstant(now),
        workingSessions: { ...sessionFigures(line('sessions')), items: list('sessions') },
        ipRegistrations: { ...ipFigures(line('ip')), items: list('ip') },
        enterprises: { ...enterpriseFigures(line('enterprises')), items: list('enterprises') },
        supportNeeds: { ...supportNeedFigures(line('needs')), items: list('needs') },
        projects: {
          ...projectFigures(line('projects')),
          indicators: (line('projects')?.indicators as number | undefined) ?? 0,
          items: list('projects'),
        },
        tasks: {
          ...taskFigures(line('tasks')),
          byLead: (line('tasks')?.by_lead as LeadTaskFiguresDto[] | undefined) ?? [],
          items: list('tasks'),
        },
      };
      return { report, lists };
    });
  }
}

/** The six sections of a report, each with its `items`. */
function sections(report: DistrictActivityReportDto): { items?: unknown }[] {
  return [
    report.workingSessions,
    report.ipRegistrations,
    report.enterprises,
    report.supportNeeds,
    report.projects,
    report.tasks,
  ];
}
