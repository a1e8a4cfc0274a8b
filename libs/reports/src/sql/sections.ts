import { SUPPORT_NEED_STATUSES } from '@app/enterprises';
import { IP_EVENT_RULES, IP_KINDS, IP_LIFECYCLE_EVENTS, IP_STATUSES } from '@app/ip';
import { PROJECT_KINDS, PROJECT_STATUSES } from '@app/projects';
import type { ReportPeriod } from '../period/report-period';
import { countsByValue, SqlParams, vietnamDay, vietnamInstantSql, VN } from './sql-params';

/**
 * The SQL of each section of a report, once: the overview asks it per row and for the totals
 * (GROUPING SETS; `row_id` null is the totals' line), the district report for one row with the
 * lists behind the figures (`items`, json_agg). Every figure is an aggregate here; nothing is
 * counted in JavaScript. The unit map `m(unit_id, row_id)` places each record by its unit.
 */
export interface Statement {
  sql: string;
  values: unknown[];
}

export interface SectionInput {
  unitIds: string[];
  rowIds: string[];
  period: ReportPeriod;
  today: string;
  /** The district report: one row, no totals line, the tasks per lead unit, and the lists. */
  withItems: boolean;
  /** The district report without the lists behind the figures (`items=none`). */
  figuresOnly?: boolean;
}

/** Whether the statement adds the list behind the figures (`items`, as JSON text). */
export function listed(input: SectionInput): boolean {
  return input.withItems && input.figuresOnly !== true;
}

function mapCte(p: SqlParams, input: SectionInput): string {
  return `m AS (SELECT * FROM unnest(${p.add(input.unitIds, 'uuid[]')}, ${p.add(input.rowIds, 'uuid[]')}) AS m(unit_id, row_id))`;
}

function groupBy(input: SectionInput, column: string): string {
  return input.withItems ? `GROUP BY ${column}` : `GROUP BY GROUPING SETS ((${column}), ())`;
}

/**
 * Sessions of the period on alias `s`: by reporting year, or by the day (Viet Nam) they started.
 * Either way an index serves it with the host unit: (host_admin_unit_id, reporting_year) or
 * (host_admin_unit_id, starts_at).
 */
function sessionInPeriod(p: SqlParams, period: ReportPeriod): string {
  if (period.year !== null) return `s.reporting_year = ${p.add(period.year, 'int')}`;
  return `s.starts_at >= (${p.add(period.from, 'date')} + time '00:00') AT TIME ZONE ${VN}
      AND s.starts_at < (${p.add(period.to, 'date')} + 1 + time '00:00') AT TIME ZONE ${VN}`;
}

function sessionsCte(p: SqlParams, input: SectionInput): string {
  return `s AS (
    SELECT s.id, s.title, s.kind, s.status, s.starts_at, s.host_admin_unit_id, m.row_id
      FROM m JOIN working_session s ON s.host_admin_unit_id = m.unit_id
     WHERE s.deleted_at IS NULL AND ${sessionInPeriod(p, input.period)})`;
}

const HELD = `s.status IN ('held', 'closed')`;

export function sessionsStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', s.id, 'title', s.title, 'kind', s.kind, 'status', s.status,
          'startsAt', ${vietnamInstantSql('s.starts_at')},
          'hostAdminUnit', json_build_object('id', hu.id, 'name', hu.name),
          'delegationHead', CASE WHEN h.id IS NULL THEN NULL ELSE json_build_object(
            'personId', h.person_id, 'organisationId', h.organisation_id,
            'name', coalesce(hp.full_name, ho.name), 'position', hp.position) END
        ) ORDER BY s.starts_at, s.id) FILTER (WHERE ${HELD}), '[]')::text AS items`
    : '';
  const joins = listed(input)
    ? `JOIN admin_unit hu ON hu.id = s.host_admin_unit_id
       LEFT JOIN session_participant h
              ON h.session_id = s.id AND h.role = 'delegation_head' AND h.deleted_at IS NULL
       LEFT JOIN person hp ON hp.id = h.person_id
       LEFT JOIN organisation ho ON ho.id = h.organisation_id`
    : '';
  const sql = `WITH ${mapCte(p, input)}, ${sessionsCte(p, input)}
    SELECT s.row_id,
           count(*) FILTER (WHERE ${HELD})::int AS count,
           ${countsByValue('s.status', ['planned', 'held', 'closed', 'cancelled'])} AS by_status
           ${items}
      FROM s ${joins}
     ${groupBy(input, 's.row_id')}`;
  return { sql, values: p.values };
}

/**
 * The tasks the period's sessions gave, with on time (done by the due date, by the day of
 * completion in Viet Nam; done with no due date counts as on time) and overdue (open or in
 * progress, due before today) as SQL.
 */
export function tasksStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const today = p.add(input.today, 'date');
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', f.id, 'title', f.title, 'status', f.status,
          'leadOrganisation', json_build_object('id', o.id, 'name', o.name, 'shortName', o.short_name),
          'dueDate', f.due_date,
          'completedOn', CASE WHEN f.status = 'done' THEN f.completed_on END,
          'session', json_build_object('id', f.session_id, 'name', f.session_title),
          'overdue', f.overdue,
          'onTime', CASE WHEN f.status = 'done' THEN f.on_time END,
          'daysLate', CASE WHEN f.status = 'done' AND NOT f.on_time THEN f.completed_on - f.due_date
                           WHEN f.overdue THEN ${today} - f.due_date END
        ) ORDER BY f.due_date NULLS LAST, f.title, f.id), '[]')::text AS items`
    : '';
  // Per lead unit (the PDF's chart), aggregated in SQL too.
  const byLead = input.withItems
    ? `, (SELECT coalesce(json_agg(json_build_object(
            'leadOrganisation', json_build_object('id', bo.id, 'name', bo.name, 'shortName', bo.short_name),
            'assigned', b.assigned, 'done', b.done, 'doneOnTime', b.done_on_time,
            'overdue', b.overdue, 'onTimeRate', b.on_time_rate) ORDER BY bo.name, bo.id), '[]')
          FROM (SELECT f2.lead_organisation_id, count(*)::int AS assigned,
                       count(*) FILTER (WHERE f2.status = 'done')::int AS done,
                       count(*) FILTER (WHERE f2.on_time)::int AS done_on_time,
                       count(*) FILTER (WHERE f2.overdue)::int AS overdue,
                       (count(*) FILTER (WHERE f2.on_time))::float8
                         / nullif(count(*) FILTER (WHERE f2.status = 'done'), 0) AS on_time_rate
                  FROM f f2 WHERE f2.row_id = f.row_id GROUP BY f2.lead_organisation_id) b
          JOIN organisation bo ON bo.id = b.lead_organisation_id) AS by_lead`
    : '';
  const joins = listed(input) ? `JOIN organisation o ON o.id = f.lead_organisation_id` : '';
  const sql = `WITH ${mapCte(p, input)}, ${sessionsCte(p, input)},
    t AS (
      SELECT t.id, t.title, t.status, t.due_date, t.lead_organisation_id,
             s.id AS session_id, s.title AS session_title, s.row_id,
             ${vietnamDay('t.completed_at')} AS completed_on
        FROM s JOIN task t ON t.source_session_id = s.id
       WHERE t.deleted_at IS NULL),
    f AS (
      SELECT t.*,
             (t.status = 'done' AND (t.due_date IS NULL OR t.completed_on IS NULL
                                     OR t.completed_on <= t.due_date)) AS on_time,
             (t.status IN ('open', 'in_progress') AND coalesce(t.due_date < ${today}, false)) AS overdue
        FROM t)
    SELECT f.row_id,
           count(*)::int AS assigned,
           count(*) FILTER (WHERE f.status = 'done')::int AS done,
           count(*) FILTER (WHERE f.on_time)::int AS done_on_time,
           count(*) FILTER (WHERE f.status = 'done' AND NOT f.on_time)::int AS done_late,
           count(*) FILTER (WHERE f.overdue)::int AS overdue,
           count(*) FILTER (WHERE f.status IN ('open', 'in_progress'))::int AS open,
           count(*) FILTER (WHERE f.status = 'cancelled')::int AS cancelled,
           (count(*) FILTER (WHERE f.on_time))::float8
             / nullif(count(*) FILTER (WHERE f.status = 'done'), 0) AS on_time_rate
           ${items} ${byLead}
      FROM f ${joins}
     ${groupBy(input, 'f.row_id')}`;
  return { sql, values: p.values };
}

/**
 * The same task figures for a reporting year, from `reporting.task_tally` (kept by triggers in
 * the writes' transactions, migration ReportTaskTally): counts per host unit, year, lead unit
 * and kind, open tasks by due date so that overdue is read for any today. The lists need the
 * tasks themselves (`tasksStatement`).
 */
export function taskTallyStatement(input: SectionInput): Statement {
  if (input.period.year === null) throw new Error('the task tally serves reporting years only');
  const p = new SqlParams();
  const today = p.add(input.today, 'date');
  const figures = (k: string) => `coalesce(sum(${k}.n), 0)::int AS assigned,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind IN ('done_on_time', 'done_late')), 0)::int AS done,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'done_on_time'), 0)::int AS done_on_time,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'done_late'), 0)::int AS done_late,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'open' AND ${k}.due_date < ${today}), 0)::int AS overdue,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'open'), 0)::int AS open,
           coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'cancelled'), 0)::int AS cancelled,
           (coalesce(sum(${k}.n) FILTER (WHERE ${k}.kind = 'done_on_time'), 0))::float8
             / nullif(sum(${k}.n) FILTER (WHERE ${k}.kind IN ('done_on_time', 'done_late')), 0) AS on_time_rate`;
  const byLead = input.withItems
    ? `, (SELECT coalesce(json_agg(json_build_object(
            'leadOrganisation', json_build_object('id', bo.id, 'name', bo.name, 'shortName', bo.short_name),
            'assigned', b.assigned, 'done', b.done, 'doneOnTime', b.done_on_time,
            'overdue', b.overdue, 'onTimeRate', b.on_time_rate) ORDER BY bo.name, bo.id), '[]')
          FROM (SELECT k2.lead_organisation_id, ${figures('k2')}
                  FROM k k2 WHERE k2.row_id = k.row_id GROUP BY k2.lead_organisation_id) b
          JOIN organisation bo ON bo.id = b.lead_organisation_id) AS by_lead`
    : '';
  const sql = `WITH ${mapCte(p, input)},
    k AS MATERIALIZED (
      SELECT m.row_id, c.lead_organisation_id, c.kind, c.due_date, c.n
        FROM m JOIN reporting.task_tally c
          ON c.host_admin_unit_id = m.unit_id AND c.reporting_year = ${p.add(input.period.year, 'int')}
       WHERE c.n <> 0)
    SELECT k.row_id, ${figures('k')} ${byLead}
      FROM k
     ${groupBy(input, 'k.row_id')}`;
  return { sql, values: p.values };
}

/** A live lifecycle event on alias `alias`: not a void, not voided. */
function liveEvent(alias: string): string {
  return `${alias}.type <> 'voided' AND ${alias}.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM ip_event v WHERE v.voids_event_id = ${alias}.id AND v.deleted_at IS NULL)`;
}

/** The status an event leads to, from the lifecycle's rules (`formality_refused` → `refused`, …). */
function statusAfter(eventType: string): string {
  return `CASE ${IP_LIFECYCLE_EVENTS.map((t) => `WHEN ${eventType} = '${t}' THEN '${IP_EVENT_RULES[t].to}'`).join(' ')} ELSE 'preparing' END`;
}

/**
 * IP registrations the period concerns (supported in one of its years, or with a live event dated
 * in it: the registrations list's `year` rule), their status on `asOf` replayed from the live
 * events up to that day, and whether they were granted in the period.
 */
export function ipStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const { period } = input;
  const from = p.add(period.from, 'date');
  const to = p.add(period.to, 'date');
  const asOf = p.add(period.asOf, 'date');
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', a.id, 'name', a.name, 'kind', a.kind, 'status', a.status_at, 'currentStatus', a.status,
          'adminUnit', json_build_object('id', u.id, 'name', u.name),
          'supportYear', a.support_year, 'applicationNumber', a.application_number,
          'filingDate', a.filing_date, 'certificateNumber', a.certificate_number,
          'grantDate', a.grant_date, 'grantedInPeriod', a.granted_in_period
        ) ORDER BY a.name, a.id), '[]')::text AS items`
    : '';
  const joins = listed(input) ? `JOIN admin_unit u ON u.id = a.admin_unit_id` : '';
  const sql = `WITH ${mapCte(p, input)},
    r AS (
      SELECT r.id, r.name, r.kind, r.status, r.admin_unit_id, r.support_year,
             r.application_number, r.filing_date, r.certificate_number, r.grant_date, m.row_id
        FROM m JOIN ip_registration r ON r.admin_unit_id = m.unit_id
       WHERE r.deleted_at IS NULL
         AND (r.support_year BETWEEN extract(year FROM ${from})::int AND extract(year FROM ${to})::int
              OR r.id IN (SELECT e.registration_id FROM ip_event e
                           WHERE e.date BETWEEN ${from} AND ${to} AND ${liveEvent('e')}))),
    a AS (
      SELECT r.*, ${statusAfter('last.type')} AS status_at,
             EXISTS (SELECT 1 FROM ip_event g
                      WHERE g.registration_id = r.id AND g.type = 'granted'
                        AND g.date BETWEEN ${from} AND ${to} AND ${liveEvent('g')}) AS granted_in_period
        FROM r
        LEFT JOIN LATERAL (
          SELECT e.type FROM ip_event e
           WHERE e.registration_id = r.id AND e.date <= ${asOf} AND ${liveEvent('e')}
           ORDER BY e.sequence DESC LIMIT 1) last ON true)
    SELECT a.row_id,
           count(*)::int AS total,
           ${countsByValue('a.status_at', IP_STATUSES)} AS by_status,
           ${countsByValue('a.kind', IP_KINDS)} AS by_kind,
           count(*) FILTER (WHERE a.granted_in_period)::int AS granted_in_period
           ${items}
      FROM a ${joins}
     ${groupBy(input, 'a.row_id')}`;
  return { sql, values: p.values };
}

function enterprisesCte(): string {
  return `e AS (
    SELECT e.id, e.name, e.admin_unit_id, m.row_id
      FROM m JOIN enterprise e ON e.admin_unit_id = m.unit_id
     WHERE e.deleted_at IS NULL)`;
}

/**
 * Enterprises certified on at least one day of the period (a certificate is valid from
 * `issued_on` until `ended_on`, exclusive), and whether still on `asOf`.
 */
export function enterprisesStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const { period } = input;
  const asOf = p.add(period.asOf, 'date');
  const certificates = listed(input)
    ? `, json_agg(json_build_object(
          'id', c.id, 'certificateNumber', c.certificate_number, 'issuedOn', c.issued_on,
          'endedOn', c.ended_on, 'status', c.status) ORDER BY c.issued_on, c.id) AS certificates`
    : '';
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', e.id, 'name', e.name, 'adminUnit', json_build_object('id', u.id, 'name', u.name),
          'certifiedAtEnd', k.at_end, 'certificates', k.certificates
        ) ORDER BY e.name, e.id), '[]')::text AS items`
    : '';
  const joins = listed(input)
    ? `JOIN enterprise e ON e.id = k.enterprise_id JOIN admin_unit u ON u.id = e.admin_unit_id`
    : '';
  const sql = `WITH ${mapCte(p, input)}, ${enterprisesCte()},
    k AS (
      SELECT c.enterprise_id, e.row_id,
             bool_or(c.issued_on <= ${asOf} AND (c.ended_on IS NULL OR c.ended_on > ${asOf})) AS at_end
             ${certificates}
        FROM e JOIN st_enterprise_certificate c ON c.enterprise_id = e.id
       WHERE c.deleted_at IS NULL
         AND c.issued_on <= ${p.add(period.to, 'date')}
         AND (c.ended_on IS NULL OR c.ended_on > ${p.add(period.from, 'date')})
       GROUP BY c.enterprise_id, e.row_id)
    SELECT k.row_id,
           count(*)::int AS certified,
           count(*) FILTER (WHERE k.at_end)::int AS certified_at_end
           ${items}
      FROM k ${joins}
     ${groupBy(input, 'k.row_id')}`;
  return { sql, values: p.values };
}

/**
 * Support needs of the unit's enterprises open at some time in the period (reported by its last
 * day, not resolved before its first), with their status on `asOf` read from the steps' dates.
 */
export function supportNeedsStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const { period } = input;
  const asOf = p.add(period.asOf, 'date');
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', n.id, 'enterprise', json_build_object('id', n.enterprise_id, 'name', n.enterprise_name),
          'category', n.category, 'description', n.description, 'reportedOn', n.reported_on,
          'status', n.status_at, 'currentStatus', n.status
        ) ORDER BY n.reported_on, n.enterprise_name, n.id), '[]')::text AS items`
    : '';
  const sql = `WITH ${mapCte(p, input)}, ${enterprisesCte()},
    n AS (
      SELECT n.id, n.category, n.description, n.reported_on, n.status,
             e.id AS enterprise_id, e.name AS enterprise_name, e.row_id,
             CASE WHEN n.resolved_on <= ${asOf} THEN n.status
                  WHEN n.confirmed_on <= ${asOf} THEN 'confirmed'
                  ELSE 'reported' END AS status_at
        FROM e JOIN support_need n ON n.enterprise_id = e.id
       WHERE n.deleted_at IS NULL
         AND n.reported_on <= ${p.add(period.to, 'date')}
         AND (n.resolved_on IS NULL OR n.resolved_on >= ${p.add(period.from, 'date')}))
    SELECT n.row_id,
           count(*)::int AS total,
           ${countsByValue('n.status_at', SUPPORT_NEED_STATUSES)} AS by_status
           ${items}
      FROM n
     ${groupBy(input, 'n.row_id')}`;
  return { sql, values: p.values };
}

/**
 * Projects with a unit in the row running in the period: actual dates where known, else planned
 * (open while it has no end); with only an end, that end in the period; with no dates, its
 * programme's years; with neither, every period while not completed or cancelled. A project in
 * two rows counts in each and once in the totals (count DISTINCT); its participants count where
 * they live, so the rows add up.
 */
export function projectsStatement(input: SectionInput): Statement {
  const p = new SqlParams();
  const { period } = input;
  const from = p.add(period.from, 'date');
  const to = p.add(period.to, 'date');
  const distinctBy = (column: string, values: readonly string[]) =>
    `json_build_object(${values
      .map((v) => `'${v}', count(DISTINCT q.id) FILTER (WHERE ${column} = '${v}')`)
      .join(', ')})`;
  const indicators = input.withItems
    ? `, ind AS (
        SELECT i.project_id, count(*)::int AS n
               ${
                 listed(input)
                   ? `, json_agg(json_build_object('id', i.id, 'name', i.name, 'unit', i.unit,
                 'target', i.target, 'actual', i.actual, 'measuredOn', i.measured_on)
                 ORDER BY i.name, i.id) AS list`
                   : ''
               }
          FROM project_indicator i
         WHERE i.project_id IN (SELECT id FROM q) AND i.deleted_at IS NULL
         GROUP BY i.project_id)`
    : '';
  const indicatorCount = input.withItems ? `, coalesce(sum(ind.n), 0)::int AS indicators` : '';
  const items = listed(input)
    ? `, coalesce(json_agg(json_build_object(
          'id', q.id, 'title', q.title, 'kind', q.kind, 'status', q.status,
          'programme', CASE WHEN q.programme_id IS NULL THEN NULL ELSE json_build_object(
            'id', q.programme_id, 'code', q.programme_code, 'name', q.programme_name) END,
          'dated', q.dated, 'start', q.start_on, 'end', q.end_on,
          'participants', coalesce(pp.participants, 0), 'participantsSelected', coalesce(pp.selected, 0),
          'indicators', coalesce(ind.list, '[]'::json)
        ) ORDER BY q.title, q.id), '[]')::text AS items`
    : '';
  const joins = input.withItems ? `LEFT JOIN ind ON ind.project_id = q.id` : '';
  const sql = `WITH ${mapCte(p, input)},
    links AS (
      SELECT DISTINCT l.project_id, m.row_id
        FROM m JOIN project_admin_unit l ON l.admin_unit_id = m.unit_id),
    q AS (
      SELECT pr.id, pr.title, pr.kind, pr.status, links.row_id,
             g.id AS programme_id, g.code AS programme_code, g.name AS programme_name,
             coalesce(pr.actual_start, pr.planned_start) AS start_on,
             coalesce(pr.actual_end, pr.planned_end) AS end_on,
             (coalesce(pr.actual_start, pr.planned_start, pr.actual_end, pr.planned_end) IS NOT NULL
              OR g.id IS NOT NULL) AS dated
        FROM links JOIN project pr ON pr.id = links.project_id
        LEFT JOIN programme g ON g.id = pr.programme_id
       WHERE pr.deleted_at IS NULL
         AND CASE
               WHEN coalesce(pr.actual_start, pr.planned_start) IS NOT NULL
                 THEN coalesce(pr.actual_start, pr.planned_start) <= ${to}
                      AND (coalesce(pr.actual_end, pr.planned_end) IS NULL
                           OR coalesce(pr.actual_end, pr.planned_end) >= ${from})
               WHEN coalesce(pr.actual_end, pr.planned_end) IS NOT NULL
                 THEN coalesce(pr.actual_end, pr.planned_end) BETWEEN ${from} AND ${to}
               WHEN g.id IS NOT NULL
                 THEN g.start_year <= extract(year FROM ${to}) AND g.end_year >= extract(year FROM ${from})
               ELSE pr.status NOT IN ('completed', 'cancelled')
             END),
    -- The participants of those projects counted per unit first (an index-only scan), then
    -- placed in rows: joined the other way round, PostgreSQL probed the participants once per
    -- (project, unit of its row). The projects as an array: as a join, PostgreSQL guessed too
    -- many of them and read every participant of the province's ten years.
    pu AS (
      SELECT x.project_id, x.admin_unit_id, count(*) AS n,
             count(*) FILTER (WHERE x.status = 'selected') AS selected
        FROM project_participant x
       WHERE x.project_id = ANY (ARRAY(SELECT id FROM q)) AND x.deleted_at IS NULL
       GROUP BY x.project_id, x.admin_unit_id),
    pp AS (
      SELECT pu.project_id, m.row_id, sum(pu.n)::int AS participants,
             sum(pu.selected)::int AS selected
        FROM pu JOIN m ON m.unit_id = pu.admin_unit_id
       GROUP BY pu.project_id, m.row_id)
    ${indicators}
    SELECT q.row_id,
           count(DISTINCT q.id)::int AS total,
           ${distinctBy('q.kind', PROJECT_KINDS)} AS by_kind,
           ${distinctBy('q.status', PROJECT_STATUSES)} AS by_status,
           coalesce(sum(pp.selected), 0)::int AS participants_selected,
           coalesce(sum(pp.participants), 0)::int AS participants
           ${indicatorCount} ${items}
      FROM q LEFT JOIN pp ON pp.project_id = q.id AND pp.row_id = q.row_id ${joins}
     ${groupBy(input, 'q.row_id')}`;
  return { sql, values: p.values };
}
