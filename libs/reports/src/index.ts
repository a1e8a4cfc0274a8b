export * from './reports.module';
export * from './access/report-kinds';
export * from './period/report-period';
export * from './dto/report-query.dto';
export * from './dto/figures.dto';
export * from './district-activity/district-activity.dto';
export * from './district-activity/district-activity.service';
export * from './overview/overview.dto';
export * from './overview/overview.service';
export * from './task-follow-up/task-follow-up.dto';
export * from './task-follow-up/task-follow-up.service';
export * from './render/report-document';
export * from './render/file-name';
export * from './report-indexes';

/** Reports keep no table of their own: they read the others' (the indexes they need: report-indexes.ts). */
export const REPORTS_ENTITIES = [];
