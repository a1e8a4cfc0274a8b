import { Module } from '@nestjs/common';
import { DistrictActivityService } from './district-activity/district-activity.service';
import { OverviewService } from './overview/overview.service';
import { ReportCache } from './render/report-cache';
import { ReportsController } from './reports.controller';
import { TaskFollowUpService } from './task-follow-up/task-follow-up.service';

/** Read-only: the reports read every module's tables in SQL and write nothing. */
@Module({
  controllers: [ReportsController],
  providers: [DistrictActivityService, OverviewService, TaskFollowUpService, ReportCache],
  exports: [DistrictActivityService, OverviewService, TaskFollowUpService],
})
export class ReportsModule {}
