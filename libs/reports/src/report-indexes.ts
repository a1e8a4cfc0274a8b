import { Index } from 'typeorm';
import { IpEventEntity } from '@app/ip';
import { ProjectParticipantEntity } from '@app/projects';
import { WorkingSessionEntity } from '@app/sessions';
import { TaskEntity } from '@app/tasks';

/**
 * Indexes the reports' SQL needs on other modules' tables, declared here so the report library
 * owns them (and its migration makes them) without touching those modules' files. They load with
 * `@app/reports`, before any DataSource is built.
 *
 * - A district's sessions of a reporting year (the district report and every overview row read
 *   them, then the tasks they gave through `ix_task_source_session`).
 * - Events by date: the registrations a period concerns (a live event dated in it).
 * - The tasks of sessions with the columns the figures read, for index-only scans: an overview
 *   year of a province reads 100,000 tasks; by the heap that was 360 ms, by this index 80 ms.
 *   TypeORM cannot declare INCLUDE, so it is made by hand in the migration (synchronize: false).
 * - The participants of projects with the columns the project figures read (index-only): an
 *   overview year reads 40,000 of them (migration ReportTaskTally, by hand too).
 */
Index('ix_working_session_host_year', ['hostAdminUnitId', 'reportingYear'])(WorkingSessionEntity);
Index('ix_ip_event_date', ['date'])(IpEventEntity);
Index('ix_task_report_session', { synchronize: false })(TaskEntity);
Index('ix_project_participant_report', { synchronize: false })(ProjectParticipantEntity);
