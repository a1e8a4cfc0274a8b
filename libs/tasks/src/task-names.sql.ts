// The names a task shows beside its ids, joined on alias `r` (deleted ones too: a task keeps the
// name of what it pointed at). Co-operating units in the order of their ids, as everywhere.
// No imports: the bench's bare server (bench/bare.js) runs this very text from the build, so the
// yardstick and the app never drift apart.
export const NAMES = `
  lo.name AS lead_name, lo.short_name AS lead_short_name,
  ap.full_name AS assigned_name, ap.position AS assigned_position,
  ws.title AS session_title, ws.starts_at AS session_starts_at,
  ws.host_admin_unit_id AS session_host,
  (SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'shortName', o.short_name)
                   ORDER BY c.organisation_id)
     FROM task_co_organisation c JOIN organisation o ON o.id = c.organisation_id
    WHERE c.task_id = r.id) AS co`;
export const JOINS = `
  LEFT JOIN organisation lo ON lo.id = r.lead_organisation_id
  LEFT JOIN person ap ON ap.id = r.assigned_by_person_id
  LEFT JOIN working_session ws ON ws.id = r.source_session_id`;
