import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type Actor,
  calendarDate,
  Clock,
  districtOf,
  NotFoundError,
  unitOf,
  vietnamInstant,
} from '@app/platform';
import { officerUnitsSql } from '../access/report-kinds';
import type { TaskFollowUpQueryDto } from '../dto/report-query.dto';
import { optionalRange, periodLabel } from '../period/report-period';
import { readSnapshot } from '../sql/read-only';
import { SqlParams, vietnamDay, VN } from '../sql/sql-params';
import type {
  FollowUpFiguresDto,
  FollowUpRowDto,
  OldestOpenTaskDto,
  TaskFollowUpReportDto,
} from './task-follow-up.dto';

interface FollowUpLine {
  lead_id: string | null;
  lead_name: string | null;
  lead_short_name: string | null;
  assigned: number;
  done: number;
  done_on_time: number;
  done_late: number;
  overdue: number;
  open: number;
  cancelled: number;
  on_time_rate: number | null;
  oldest: OldestOpenTaskDto | null;
}

@Injectable()
export class TaskFollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Tasks by lead unit in one statement: the caller's scope (a district officer: tasks of
   * sessions hosted in their district; unit staff: their unit's) and the filters in its WHERE,
   * the figures as aggregates per lead and for all (GROUPING SETS), the oldest open task by
   * DISTINCT ON.
   */
  async report(actor: Actor, query: TaskFollowUpQueryDto): Promise<TaskFollowUpReportDto> {
    const now = this.clock.now();
    const today = calendarDate(now);
    const range = optionalRange(query);
    const unit = actor.scopes.includes('lead_organisation') ? unitOf(actor) : undefined;
    if (unit !== undefined && query.leadOrganisationId && query.leadOrganisationId !== unit) {
      throw new NotFoundError('Organisation', query.leadOrganisationId);
    }
    const p = new SqlParams();
    const where: string[] = ['t.deleted_at IS NULL'];
    const lead = query.leadOrganisationId ?? unit;
    if (lead === null) where.push('false');
    else if (lead !== undefined) where.push(`t.lead_organisation_id = ${p.add(lead, 'uuid')}`);
    const district = actor.scopes.includes('district') ? districtOf(actor) : undefined;
    if (district === null) where.push('false');
    else if (district !== undefined) {
      where.push(
        `t.source_session_id IN (SELECT ws.id FROM working_session ws
          WHERE ws.host_admin_unit_id IN (${officerUnitsSql(p.add(district, 'uuid'))}))`,
      );
    }
    const columns = `t.id, t.title, t.status, t.due_date, t.lead_organisation_id,
      ${vietnamDay('t.completed_at')} AS completed_on`;
    let tasks: string;
    if (range === null) {
      tasks = `SELECT ${columns}, coalesce(${vietnamDay('s.starts_at')}, ${vietnamDay('t.created_at')}) AS assigned_on
                 FROM task t LEFT JOIN working_session s ON s.id = t.source_session_id
                WHERE ${where.join(' AND ')}`;
    } else {
      // Two index-served halves: tasks of the sessions started in the range, and tasks from no
      // session recorded in it.
      const from = `(${p.add(range.from, 'date')} + time '00:00') AT TIME ZONE ${VN}`;
      const to = `(${p.add(range.to, 'date')} + 1 + time '00:00') AT TIME ZONE ${VN}`;
      tasks = `SELECT ${columns}, ${vietnamDay('s.starts_at')} AS assigned_on
                 FROM working_session s JOIN task t ON t.source_session_id = s.id
                WHERE s.starts_at >= ${from} AND s.starts_at < ${to} AND ${where.join(' AND ')}
               UNION ALL
               SELECT ${columns}, ${vietnamDay('t.created_at')} AS assigned_on
                 FROM task t
                WHERE t.source_session_id IS NULL AND t.created_at >= ${from} AND t.created_at < ${to}
                  AND ${where.join(' AND ')}`;
    }
    const todayParam = p.add(today, 'date');
    const oldestJson = (alias: string) =>
      `json_build_object('id', ${alias}.id, 'title', ${alias}.title, 'assignedOn', ${alias}.assigned_on,
         'ageDays', ${todayParam} - ${alias}.assigned_on, 'dueDate', ${alias}.due_date)`;
    const sql = `WITH t AS MATERIALIZED (${tasks}),
      f AS (
        SELECT t.*,
               (t.status = 'done' AND (t.due_date IS NULL OR t.completed_on IS NULL
                                       OR t.completed_on <= t.due_date)) AS on_time,
               (t.status IN ('open', 'in_progress') AND coalesce(t.due_date < ${todayParam}, false)) AS overdue
          FROM t),
      agg AS (
        SELECT f.lead_organisation_id AS lead_id,
               count(*)::int AS assigned,
               count(*) FILTER (WHERE f.status = 'done')::int AS done,
               count(*) FILTER (WHERE f.on_time)::int AS done_on_time,
               count(*) FILTER (WHERE f.status = 'done' AND NOT f.on_time)::int AS done_late,
               count(*) FILTER (WHERE f.overdue)::int AS overdue,
               count(*) FILTER (WHERE f.status IN ('open', 'in_progress'))::int AS open,
               count(*) FILTER (WHERE f.status = 'cancelled')::int AS cancelled,
               (count(*) FILTER (WHERE f.on_time))::float8
                 / nullif(count(*) FILTER (WHERE f.status = 'done'), 0) AS on_time_rate
          FROM f GROUP BY GROUPING SETS ((f.lead_organisation_id), ())),
      oldest AS (
        SELECT DISTINCT ON (t.lead_organisation_id) t.lead_organisation_id AS lead_id, ${oldestJson('t')} AS oldest
          FROM t WHERE t.status IN ('open', 'in_progress')
         ORDER BY t.lead_organisation_id, t.assigned_on, t.id),
      oldest_all AS (
        SELECT ${oldestJson('t')} AS oldest FROM t WHERE t.status IN ('open', 'in_progress')
         ORDER BY t.assigned_on, t.id LIMIT 1)
      SELECT agg.*, o.name AS lead_name, o.short_name AS lead_short_name,
             CASE WHEN agg.lead_id IS NULL THEN (SELECT oldest FROM oldest_all) ELSE oldest.oldest END AS oldest
        FROM agg
        LEFT JOIN oldest ON oldest.lead_id = agg.lead_id
        LEFT JOIN organisation o ON o.id = agg.lead_id
       ORDER BY agg.overdue DESC, o.name, agg.lead_id`;
    const lines = await readSnapshot(this.dataSource, (manager) =>
      manager.query<FollowUpLine[]>(sql, p.values),
    );
    const totals = lines.find((l) => l.lead_id === null);
    return {
      period: range && { ...range, label: periodLabel({ year: null, ...range }) },
      leadOrganisationId: query.leadOrganisationId ?? null,
      today,
      generatedAt: vietnamInstant(now),
      rows: lines
        .filter((l) => l.lead_id !== null)
        .map((l): FollowUpRowDto => ({
          leadOrganisation: {
            id: l.lead_id!,
            name: l.lead_name ?? '',
            shortName: l.lead_short_name,
          },
          ...figures(l),
          tasks: `/api/v1/tasks?leadOrganisationId=${l.lead_id}`,
        })),
      totals: totals ? figures(totals) : figures(undefined),
    };
  }
}

function figures(line: FollowUpLine | undefined): FollowUpFiguresDto {
  return {
    assigned: line?.assigned ?? 0,
    done: line?.done ?? 0,
    doneOnTime: line?.done_on_time ?? 0,
    doneLate: line?.done_late ?? 0,
    overdue: line?.overdue ?? 0,
    open: line?.open ?? 0,
    cancelled: line?.cancelled ?? 0,
    onTimeRate: line?.on_time_rate ?? null,
    oldestOpen: line?.oldest ?? null,
  };
}
