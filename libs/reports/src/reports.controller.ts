import { Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, ApiResource, calendarDate, Clock, CurrentActor } from '@app/platform';
import { REPORT_TASK, REPORT_UNIT } from './access/report-kinds';
import { DistrictActivityReportDto } from './district-activity/district-activity.dto';
import { DistrictActivityService } from './district-activity/district-activity.service';
import {
  DistrictActivityQueryDto,
  OverviewQueryDto,
  TaskFollowUpQueryDto,
} from './dto/report-query.dto';
import { OverviewReportDto } from './overview/overview.dto';
import { OverviewService } from './overview/overview.service';
import {
  districtActivityDocument,
  overviewDocument,
  taskFollowUpDocument,
} from './render/documents';
import { reachOf, ReportCache } from './render/report-cache';
import { render, ReportRoute, send } from './render/report-route';
import { TaskFollowUpReportDto } from './task-follow-up/task-follow-up.dto';
import { TaskFollowUpService } from './task-follow-up/task-follow-up.service';

/**
 * Leadership reads the system here. The Department (admin, staff) and leadership get every
 * district; a district officer their own district (another's answers 404) and their own row of
 * the overview; unit staff the task follow-up of their own unit.
 */
@ApiResource('api/v1/reports', 'reports')
export class ReportsController {
  constructor(
    private readonly districtActivity: DistrictActivityService,
    private readonly overview: OverviewService,
    private readonly followUp: TaskFollowUpService,
    private readonly cache: ReportCache,
    private readonly clock: Clock,
  ) {}

  /**
   * What makes one report differ from another: the route, the query as validated (in one order),
   * today (overdue counts), and the caller's reach.
   */
  private key(route: string, actor: Actor, query: object): string {
    const fields = Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.stringify([route, calendarDate(this.clock.now()), reachOf(actor), fields]);
  }

  @ReportRoute('district-activity', {
    roles: ['admin', 'department_staff', 'leadership', 'district_officer'],
    scope: ['district'],
    kind: REPORT_UNIT,
    summary: "One district's year (or days from–to): sessions, IP, enterprises, projects, tasks",
    description:
      'Every figure beside the list behind it (ids and names); `items=none` gives the figures only. A district dissolved in the 2025 reorganisation reports on its past years; after the reform a commune is reported the same way.',
    response: DistrictActivityReportDto,
    problems: [400, 404],
  })
  async getDistrictActivityReport(
    @CurrentActor() actor: Actor,
    @Query() query: DistrictActivityQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const report = await this.cache.get(this.key('district-activity', actor, query), () =>
      render(
        query.format,
        () => this.districtActivity.report(actor, query),
        districtActivityDocument,
        // The JSON text as the service wrote it (the lists as PostgreSQL made them).
        () => this.districtActivity.json(actor, query),
      ),
    );
    return send(req, res, report);
  }

  @ReportRoute('overview', {
    roles: ['admin', 'department_staff', 'leadership', 'district_officer'],
    scope: ['district'],
    kind: REPORT_UNIT,
    summary: 'Every district (or commune) of the province side by side, and the totals',
    description:
      'Rows with nothing recorded show zeros. `groupBy=district` traces a post-reform period back to the districts of before 1 July 2025.',
    response: OverviewReportDto,
    problems: [400],
  })
  async getOverviewReport(
    @CurrentActor() actor: Actor,
    @Query() query: OverviewQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const report = await this.cache.get(this.key('overview', actor, query), () =>
      render(query.format, () => this.overview.report(actor, query), overviewDocument),
    );
    return send(req, res, report);
  }

  @ReportRoute('task-follow-up', {
    roles: ['admin', 'department_staff', 'leadership', 'district_officer', 'unit_staff'],
    scope: ['district', 'lead_organisation'],
    kind: REPORT_TASK,
    summary: 'Tasks by lead unit: assigned, done, done on time, overdue now, the oldest open',
    response: TaskFollowUpReportDto,
    problems: [400, 404],
  })
  async getTaskFollowUpReport(
    @CurrentActor() actor: Actor,
    @Query() query: TaskFollowUpQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const report = await this.cache.get(this.key('task-follow-up', actor, query), () =>
      render(query.format, () => this.followUp.report(actor, query), taskFollowUpDocument),
    );
    return send(req, res, report);
  }
}
