import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { CALENDAR_DATES_AS_TEXT, queryBuilt, vietnamInstant } from '@app/platform';
import type { OrganisationRefDto } from '@app/registry';
import type { TaskDto } from './dto/task.dto';
import { JOINS, NAMES } from './task-names.sql';
import { type TaskFields, taskDto, type TaskShownNames } from './task.mapper';
import type { TaskEntity, TaskPriority, TaskStatus } from './task.entity';

/**
 * The task list and retrieve in one statement each: the tasks a query builder selects (its
 * filters and scope rules, alias `r`), with the names they show (lead and co-operating units, who
 * assigned them, their session) joined, and for a page its total. One round trip, a named
 * statement, where the general path makes five to six (page, count, co-operating units,
 * organisations, people, sessions). Rows go straight to responses, through the same `taskDto` as
 * the general path's entities: no entity is built (TypeORM's hydration was a tenth of a list
 * page's CPU).
 */

/** A task's row (`SELECT r.*`, dates as text) with the names NAMES joins. */
interface TaskRow {
  id: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  version: number;
  title: string;
  description: string | null;
  lead_organisation_id: string;
  assigned_by_person_id: string | null;
  due_date: string | null;
  priority: TaskPriority;
  source_session_id: string | null;
  source_record_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  status: TaskStatus;
  percent: number | null;
  completion_note: string | null;
  cancel_reason: string | null;
  status_note: string | null;
  completed_at: Date | null;
  lead_name: string | null;
  lead_short_name: string | null;
  assigned_name: string | null;
  assigned_position: string | null;
  session_title: string | null;
  session_starts_at: Date | null;
  session_host: string | null;
  co: OrganisationRefDto[] | null;
}

function fieldsOf(row: TaskRow): TaskFields {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    title: row.title,
    description: row.description,
    leadOrganisationId: row.lead_organisation_id,
    assignedByPersonId: row.assigned_by_person_id,
    dueDate: row.due_date,
    priority: row.priority,
    sourceSessionId: row.source_session_id,
    sourceRecordId: row.source_record_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    status: row.status,
    percent: row.percent,
    completionNote: row.completion_note,
    cancelReason: row.cancel_reason,
    statusNote: row.status_note,
    completedAt: row.completed_at,
  };
}

/** The joined names, as `shownNames` picks them from loaded ones (a name not found shows empty). */
function namesOf(row: TaskRow): TaskShownNames {
  return {
    leadOrganisation: {
      id: row.lead_organisation_id,
      name: row.lead_name ?? '',
      shortName: row.lead_name === null ? null : row.lead_short_name,
    },
    coOrganisations: row.co ?? [],
    assignedBy:
      row.assigned_by_person_id === null
        ? null
        : {
            id: row.assigned_by_person_id,
            fullName: row.assigned_name ?? '',
            position: row.assigned_name === null ? null : row.assigned_position,
          },
    sourceSession:
      row.source_session_id === null || row.session_title === null
        ? null
        : {
            id: row.source_session_id,
            title: row.session_title,
            startsAt: vietnamInstant(row.session_starts_at!),
            hostAdminUnitId: row.session_host!,
          },
  };
}

/** What today and the caller make of a task: its response as `taskDto` gives it. */
export interface TaskView {
  today: string;
  callerOrganisationId: string | null;
}

function toDto(row: TaskRow, view: TaskView): TaskDto {
  return taskDto(fieldsOf(row), namesOf(row), view.today, view.callerOrganisationId);
}

/**
 * A page of the tasks `qb` selects, in its order (already applied), with the total of all of
 * them: the page's ids in order (an index can serve it), their rows and names, and the count.
 */
export async function readTaskPage(
  dataSource: DataSource,
  qb: SelectQueryBuilder<TaskEntity>,
  window: { limit: number; offset: number },
  view: TaskView,
): Promise<{ items: TaskDto[]; total: number }> {
  const rows = await queryBuilt<TaskRow & { total: number }>(
    dataSource,
    'task page',
    qb,
    (page) => {
      const count = page.clone().orderBy().select('CAST(count(*) AS integer)', 'total');
      const ids = page.clone().select('r.id');
      return `SELECT counted.total, r.*, ${NAMES}
      FROM (${count.getQuery()}) counted
      LEFT JOIN (unnest(ARRAY(${ids.getQuery()} LIMIT :pageLimit OFFSET :pageOffset))
                   WITH ORDINALITY AS page (id, n)
                 JOIN task r ON r.id = page.id ${JOINS}) ON true
     ORDER BY page.n`;
    },
    { pageLimit: window.limit, pageOffset: window.offset },
    CALENDAR_DATES_AS_TEXT,
  );
  return {
    total: rows[0].total,
    items: rows[0].id === null ? [] : rows.map((row) => toDto(row, view)),
  };
}

/** The response of the one task `qb` selects (filtered by its id); undefined when none. */
export async function readTask(
  dataSource: DataSource,
  qb: SelectQueryBuilder<TaskEntity>,
  view: TaskView,
): Promise<TaskDto | undefined> {
  const rows = await queryBuilt<TaskRow>(
    dataSource,
    'task retrieve',
    qb,
    (one) => `SELECT r.*, ${NAMES} FROM task r ${JOINS}
     WHERE r.id = (${one.clone().select('r.id').getQuery()})`,
    {},
    CALENDAR_DATES_AS_TEXT,
  );
  return rows.length === 0 ? undefined : toDto(rows[0], view);
}
