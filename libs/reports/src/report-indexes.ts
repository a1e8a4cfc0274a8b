import { Index } from 'typeorm';
import { IpEventEntity } from '@app/ip';
import { WorkingSessionEntity } from '@app/sessions';

/**
 * Indexes the reports' SQL needs on other modules' tables, declared here so the report library
 * owns them (and its migration makes them) without touching those modules' files. They load with
 * `@app/reports`, before any DataSource is built.
 *
 * - A district's sessions of a reporting year (the district report and every overview row read
 *   them, then the tasks they gave through `ix_task_source_session`).
 * - Events by date: the registrations a period concerns (a live event dated in it).
 */
Index('ix_working_session_host_year', ['hostAdminUnitId', 'reportingYear'])(WorkingSessionEntity);
Index('ix_ip_event_date', ['date'])(IpEventEntity);
