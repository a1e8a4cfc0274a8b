-- A province's ten years (old Cần Thơ, 92: 9 districts and their wards), to measure the reports
-- by hand until the benchmark's generator (issue 19) replaces it. On a migrated database with the
-- official units imported (npm run migrate; npm run cli -- admin-units:import):
--   psql "$DATABASE_URL" -f libs/reports/perf/province-ten-years.sql   (about a minute)
-- 100,000 sessions, 1,000,000 tasks, 20,000 IP registrations with 80,000 events, 5,000
-- enterprises with certificates and 10,000 needs, 5,000 projects with 200,000 households.
\timing on
SET synchronous_commit = off;
CREATE TEMP TABLE units AS
  SELECT u.id, row_number() OVER (ORDER BY u.code) AS n FROM admin_unit u
   JOIN admin_unit d ON d.id = u.parent_id OR d.id = u.id
   JOIN admin_unit p ON p.id = d.parent_id AND p.code = '92' AND p.valid_to = '2025-06-30'
  GROUP BY u.id, u.code;
SELECT count(*) AS units FROM units;
INSERT INTO organisation (name, kind)
  SELECT 'Đơn vị số ' || g, 'department_unit' FROM generate_series(1, 200) g;
CREATE TEMP TABLE orgs AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM organisation WHERE name LIKE 'Đơn vị số %';
-- 100,000 sessions over 2016–2025.
INSERT INTO working_session (kind, title, starts_at, host_admin_unit_id, reporting_year, status)
  SELECT 'working_visit', 'Buổi làm việc số ' || g,
         s.at, (SELECT id FROM units WHERE n = 1 + (g * 7919) % (SELECT count(*) FROM units)),
         extract(year FROM s.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, 'closed'
    FROM generate_series(1, 100000) g,
         LATERAL (SELECT timestamptz '2016-01-01 08:00+07' + ((g * 3181) % 3650) * interval '1 day' AS at) s;
-- 1,000,000 tasks, ten per session: a quarter done late, most done, some overdue, some cancelled.
INSERT INTO task (title, lead_organisation_id, source_session_id, due_date, status, completed_at)
  SELECT 'Nhiệm vụ ' || s.n || '.' || k,
         (SELECT id FROM orgs WHERE orgs.n = 1 + (s.n * 31 + k) % 200),
         s.id,
         (s.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 30 + (k * 9),
         CASE WHEN k = 0 THEN 'cancelled' WHEN k = 1 THEN 'open' WHEN k = 2 THEN 'in_progress' ELSE 'done' END,
         CASE WHEN k >= 3 THEN s.starts_at + ((30 + k * 9) + CASE WHEN k IN (3, 4) THEN 10 ELSE -5 END) * interval '1 day' END
    FROM (SELECT id, starts_at, row_number() OVER (ORDER BY id) AS n FROM working_session) s,
         generate_series(0, 9) k;
-- 20,000 registrations, with filing, acceptance, publication, grant for most.
INSERT INTO ip_registration (kind, name, product, nice_classes, admin_unit_id, support_year, status)
  SELECT 'collective_mark', 'Nhãn hiệu ' || g, 'Sản phẩm ' || g, '{31}',
         (SELECT id FROM units WHERE n = 1 + (g * 613) % (SELECT count(*) FROM units)), 2016 + g % 10, 'granted'
    FROM generate_series(1, 20000) g;
INSERT INTO ip_event (registration_id, sequence, type, date)
  SELECT r.id, e.seq, e.type, make_date(r.support_year, 1, 10) + e.seq * 60
    FROM ip_registration r,
         (VALUES (1, 'filed'), (2, 'formality_accepted'), (3, 'published'), (4, 'granted')) e(seq, type);
-- 5,000 enterprises with a certificate each (a fifth revoked) and two needs each.
INSERT INTO enterprise (name, legal_form, admin_unit_id)
  SELECT 'Công ty số ' || g, 'llc', (SELECT id FROM units WHERE n = 1 + (g * 101) % (SELECT count(*) FROM units))
    FROM generate_series(1, 5000) g;
INSERT INTO st_enterprise_certificate (enterprise_id, certificate_number, issued_on, issuer_organisation_id, status, ended_on, end_reason)
  SELECT e.id, 'GCN-' || e.n, date '2016-01-01' + (e.n * 13) % 3000, (SELECT id FROM orgs WHERE n = 1),
         CASE WHEN e.n % 5 = 0 THEN 'revoked' ELSE 'valid' END,
         CASE WHEN e.n % 5 = 0 THEN date '2016-01-01' + (e.n * 13) % 3000 + 400 END,
         CASE WHEN e.n % 5 = 0 THEN 'Thu hồi' END
    FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM enterprise) e;
INSERT INTO support_need (enterprise_id, category, description, reported_on, status)
  SELECT e.id, 'funding', 'Nhu cầu', date '2016-01-01' + (e.n * 17 + k * 200) % 3500, 'reported'
    FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM enterprise) e, generate_series(1, 2) k;
-- 5,000 projects, each in a ward, 40 households each, 3 indicators each.
INSERT INTO project (kind, title, planned_start, planned_end, status)
  SELECT 'agricultural_model', 'Dự án ' || g, date '2016-01-01' + (g * 7) % 3300, date '2016-01-01' + (g * 7) % 3300 + 365, 'in_progress'
    FROM generate_series(1, 5000) g;
INSERT INTO project_admin_unit (project_id, admin_unit_id)
  SELECT p.id, (SELECT id FROM units WHERE n = 1 + (p.n * 37) % (SELECT count(*) FROM units))
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM project) p;
INSERT INTO project_participant (project_id, kind, name, admin_unit_id, status)
  SELECT l.project_id, 'household', 'Hộ ' || k, l.admin_unit_id, CASE WHEN k % 2 = 0 THEN 'selected' ELSE 'proposed' END
    FROM project_admin_unit l, generate_series(1, 40) k;
INSERT INTO project_indicator (project_id, name, unit, target)
  SELECT p.id, 'Chỉ tiêu ' || k, 'kg', 100 FROM project p, generate_series(1, 3) k;
VACUUM ANALYZE;
