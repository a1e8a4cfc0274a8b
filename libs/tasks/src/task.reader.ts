import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { hydrate, queryBuilt, vietnamInstant } from '@app/platform';
import { type OrganisationRefDto, RegistryRefs } from '@app/registry';
import { JOINS, NAMES } from './task-names.sql';
import type { TaskNames } from './task.mapper';
import { TaskEntity } from './task.entity';

/**
 * The task list and retrieve in one statement each: the tasks a query builder selects (its
 * filters and scope rules, alias `r`), with the names they show (lead and co-operating units, who
 * assigned them, their session) joined, and for a page its total. One round trip, a named
 * statement, where the general path makes five to six (page, count, co-operating units,
 * organisations, people, sessions).
 */

interface NamedRow {
  lead_name: string | null;
  lead_short_name: string | null;
  assigned_name: string | null;
  assigned_position: string | null;
  session_title: string | null;
  session_starts_at: Date | null;
  session_host: string | null;
  co: OrganisationRefDto[] | null;
  [column: string]: unknown;
}

export interface TaskWithNames {
  task: TaskEntity;
  names: TaskNames;
}

function withNames(dataSource: DataSource, row: NamedRow): TaskWithNames {
  const task = hydrate(dataSource, TaskEntity, row);
  const co = row.co ?? [];
  const refs = RegistryRefs.of({
    organisations: [
      ...co,
      ...(row.lead_name === null
        ? []
        : [{ id: task.leadOrganisationId, name: row.lead_name, shortName: row.lead_short_name }]),
    ],
    people:
      task.assignedByPersonId === null || row.assigned_name === null
        ? []
        : [
            {
              id: task.assignedByPersonId,
              fullName: row.assigned_name,
              position: row.assigned_position,
            },
          ],
  });
  const sessions: TaskNames['sessions'] = new Map();
  if (task.sourceSessionId !== null && row.session_title !== null) {
    sessions.set(task.sourceSessionId, {
      id: task.sourceSessionId,
      title: row.session_title,
      startsAt: vietnamInstant(row.session_starts_at!),
      hostAdminUnitId: row.session_host!,
    });
  }
  return {
    task,
    names: { co: new Map([[task.id, co.map((o) => o.id)]]), refs, sessions },
  };
}

/**
 * A page of the tasks `qb` selects, in its order (already applied), with the total of all of
 * them: the page's ids in order (an index can serve it), their rows and names, and the count.
 */
export async function readTaskPage(
  dataSource: DataSource,
  qb: SelectQueryBuilder<TaskEntity>,
  window: { limit: number; offset: number },
): Promise<{ items: TaskWithNames[]; total: number }> {
  const rows = await queryBuilt<NamedRow & { total: number }>(
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
  );
  return {
    total: rows[0].total,
    items: rows[0].id === null ? [] : rows.map((row) => withNames(dataSource, row)),
  };
}

/** The one task `qb` selects (filtered by its id), with its names; undefined when none. */
export async function readTask(
  dataSource: DataSource,
  qb: SelectQueryBuilder<TaskEntity>,
): Promise<TaskWithNames | undefined> {
  const rows = await queryBuilt<NamedRow>(
    dataSource,
    'task retrieve',
    qb,
    (one) => `SELECT r.*, ${NAMES} FROM task r ${JOINS}
     WHERE r.id = (${one.clone().select('r.id').getQuery()})`,
  );
  return rows.length === 0 ? undefined : withNames(dataSource, rows[0]);
}
