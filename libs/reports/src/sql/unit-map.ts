import type { EntityManager } from 'typeorm';
import { RequestValidationError } from '@app/platform';
import type { AdminLevel } from '@app/registry';
import type { ReportUnitDto } from '../dto/figures.dto';

export interface UnitRow extends ReportUnitDto {
  parentId: string | null;
}

/**
 * How a report groups records by where they lie: `rows` (districts or communes directly under a
 * province) and the province's own row; `unitIds[i]` counts in `rowIds[i]`. Every unit that can
 * hold a record of the province maps to exactly one row: a row itself and the units within it;
 * a unit of another era through the successor links when they lead to one row only (an old ward
 * to the new commune it went into, a new commune back to the old district its wards came from);
 * anything else of the province (the province itself, a unit whose links lead to several rows
 * or to none) to the province's row.
 */
export interface Grouping {
  province: UnitRow;
  provincesInForce: UnitRow[];
  rows: UnitRow[];
  unitIds: string[];
  rowIds: string[];
}

interface UnitRecord {
  id: string;
  code: string;
  name: string;
  level: AdminLevel;
  valid_from: string | null;
  valid_to: string | null;
  parent_id: string | null;
}

const UNIT_COLUMNS = `u.id, u.code, u.name, u.level, u.valid_from::text AS valid_from,
  u.valid_to::text AS valid_to, u.parent_id`;

function toRow(u: UnitRecord): UnitRow {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    parentId: u.parent_id,
  };
}

/** The unit as a report names it, without its parent. */
export function reportUnit(row: UnitRow): ReportUnitDto {
  const { parentId: _parent, ...unit } = row;
  return unit;
}

/** In force on at least one day of [from, to]. */
export function inForceDuring(unit: UnitRow, from: string, to: string): boolean {
  return (
    (unit.validFrom === null || unit.validFrom <= to) &&
    (unit.validTo === null || unit.validTo >= from)
  );
}

export async function loadUnit(manager: EntityManager, id: string): Promise<UnitRow | null> {
  const rows = await manager.query<UnitRecord[]>(
    `SELECT ${UNIT_COLUMNS} FROM admin_unit u WHERE u.id = $1 AND u.deleted_at IS NULL`,
    [id],
  );
  return rows.length === 0 ? null : toRow(rows[0]);
}

/**
 * A province and the provinces it came from or went into (one step of the successor links),
 * with all their direct children: what a grouping is chosen from. Two queries.
 */
async function provinceFamily(
  manager: EntityManager,
  provinceId: string,
): Promise<{ provinces: UnitRow[]; children: UnitRow[] }> {
  const provinces = (
    await manager.query<UnitRecord[]>(
      `SELECT ${UNIT_COLUMNS} FROM admin_unit u
        WHERE u.level = 'province' AND u.deleted_at IS NULL
          AND (u.id = $1
               OR u.id IN (SELECT s.successor_id FROM admin_unit_successor s WHERE s.predecessor_id = $1)
               OR u.id IN (SELECT s.predecessor_id FROM admin_unit_successor s WHERE s.successor_id = $1))
        ORDER BY u.valid_from NULLS FIRST, u.code`,
      [provinceId],
    )
  ).map(toRow);
  const children = (
    await manager.query<UnitRecord[]>(
      `SELECT ${UNIT_COLUMNS} FROM admin_unit u
        WHERE u.parent_id = ANY($1::uuid[]) AND u.deleted_at IS NULL
        ORDER BY u.code, u.valid_from NULLS FIRST`,
      [provinces.map((p) => p.id)],
    )
  ).map(toRow);
  return { provinces, children };
}

/** The unit → row pairs of a grouping (see `Grouping`), in one query. */
async function unitMap(
  manager: EntityManager,
  rowIds: string[],
  provinceRowId: string,
  provinceIds: string[],
): Promise<{ unitIds: string[]; rowIds: string[] }> {
  const pairs = await manager.query<{ unit_id: string; row_id: string }[]>(
    `WITH rows(id) AS (SELECT unnest($1::uuid[])),
          provinces(id) AS (SELECT unnest($3::uuid[])),
          direct AS (
            SELECT r.id AS unit_id, r.id AS row_id FROM rows r
            UNION ALL
            SELECT c.id, r.id FROM rows r JOIN admin_unit c ON c.parent_id = r.id
          ),
          reached AS (
            SELECT s.predecessor_id AS unit_id, d.row_id
              FROM admin_unit_successor s JOIN direct d ON d.unit_id = s.successor_id
            UNION
            SELECT s.successor_id, d.row_id
              FROM admin_unit_successor s JOIN direct d ON d.unit_id = s.predecessor_id
          ),
          linked AS (
            SELECT * FROM reached
             WHERE unit_id NOT IN (SELECT unit_id FROM direct) AND unit_id NOT IN (SELECT id FROM provinces)
          ),
          -- An old district (no links of its own) goes where its wards went.
          parents AS (
            SELECT w.parent_id AS unit_id, l.row_id FROM linked l JOIN admin_unit w ON w.id = l.unit_id
             WHERE w.parent_id IS NOT NULL
               AND w.parent_id NOT IN (SELECT unit_id FROM direct)
               AND w.parent_id NOT IN (SELECT id FROM provinces)
          ),
          indirect AS (
            SELECT x.unit_id,
                   CASE WHEN count(DISTINCT x.row_id) = 1 THEN (array_agg(x.row_id))[1] ELSE $2::uuid END AS row_id
              FROM (SELECT * FROM linked UNION SELECT * FROM parents) x
             GROUP BY x.unit_id
          )
     SELECT unit_id, row_id FROM direct
     UNION ALL SELECT unit_id, row_id FROM indirect
     UNION ALL SELECT id, $2::uuid FROM provinces WHERE id NOT IN (SELECT unit_id FROM direct)
     -- The rest of the provinces' units (two levels at most) lies in the province, in no one row.
     UNION ALL
     SELECT u.id, $2::uuid FROM admin_unit u
       LEFT JOIN admin_unit up ON up.id = u.parent_id
      WHERE (u.parent_id IN (SELECT id FROM provinces) OR up.parent_id IN (SELECT id FROM provinces))
        AND u.id NOT IN (SELECT unit_id FROM direct) AND u.id NOT IN (SELECT unit_id FROM indirect)`,
    [rowIds, provinceRowId, provinceIds],
  );
  return { unitIds: pairs.map((p) => p.unit_id), rowIds: pairs.map((p) => p.row_id) };
}

/**
 * The overview's grouping of a province for a period: `unit`, the province's units in force
 * during it (the provinces in force being it, or those it came from or went into); `district`,
 * the districts of before the reform (those in force during the period, else the last ones).
 */
export async function overviewGrouping(
  manager: EntityManager,
  province: UnitRow,
  period: { from: string; to: string },
  groupBy: 'unit' | 'district',
): Promise<Grouping> {
  const family = await provinceFamily(manager, province.id);
  const inForce = family.provinces.filter((p) => inForceDuring(p, period.from, period.to));
  if (inForce.length === 0) {
    throw RequestValidationError.field(
      'provinceId',
      `${province.name} (${province.code}) was not in force during the period, nor any province it came from or went into`,
    );
  }
  let rows: UnitRow[];
  if (groupBy === 'unit') {
    const parents = new Set(inForce.map((p) => p.id));
    rows = family.children.filter(
      (c) =>
        c.parentId !== null && parents.has(c.parentId) && inForceDuring(c, period.from, period.to),
    );
  } else {
    const districts = family.children.filter((c) => c.level === 'district');
    const during = districts.filter((d) => inForceDuring(d, period.from, period.to));
    const last = districts.reduce<string | null>(
      (max, d) => (d.validTo !== null && (max === null || d.validTo > max) ? d.validTo : max),
      null,
    );
    rows = during.length > 0 ? during : districts.filter((d) => d.validTo === last);
  }
  const map = await unitMap(
    manager,
    rows.map((r) => r.id),
    province.id,
    family.provinces.map((p) => p.id),
  );
  return { province, provincesInForce: inForce, rows, ...map };
}

/**
 * The grouping a district (or commune) is reported in: the units of its own province and era,
 * so its figures are those of its row in the overview of that era.
 */
export async function unitGrouping(manager: EntityManager, unit: UnitRow): Promise<Grouping> {
  const parent = unit.parentId === null ? null : await loadUnit(manager, unit.parentId);
  if (parent === null || parent.level !== 'province') {
    throw RequestValidationError.field(
      'adminUnitId',
      `must be a district, or after the 2025 reform a commune, directly under a province; ${unit.name} (${unit.code}) is a ${unit.level}${parent ? ` of ${parent.name}` : ''}`,
    );
  }
  const family = await provinceFamily(manager, parent.id);
  const rows = family.children.filter((c) => c.parentId === parent.id);
  const map = await unitMap(
    manager,
    rows.map((r) => r.id),
    parent.id,
    family.provinces.map((p) => p.id),
  );
  return { province: parent, provincesInForce: [parent], rows, ...map };
}

/** The default province of the overview: the province of the Department (one organisation of kind `department`). */
export async function departmentProvince(manager: EntityManager): Promise<UnitRow> {
  const found = await manager.query<UnitRecord[]>(
    `SELECT DISTINCT ${UNIT_COLUMNS}
       FROM organisation o
       JOIN admin_unit a ON a.id = o.admin_unit_id
       LEFT JOIN admin_unit b ON b.id = a.parent_id
       LEFT JOIN admin_unit c ON c.id = b.parent_id
       JOIN admin_unit u ON u.id = CASE WHEN a.level = 'province' THEN a.id
                                        WHEN b.level = 'province' THEN b.id ELSE c.id END
      WHERE o.kind = 'department' AND o.deleted_at IS NULL`,
  );
  if (found.length !== 1) {
    throw RequestValidationError.field(
      'provinceId',
      found.length === 0
        ? 'is required: no Department (organisation of kind department) with a province is recorded'
        : `is required: the Departments recorded lie in ${found.length} provinces (${found.map((u) => u.name).join(', ')})`,
    );
  }
  return toRow(found[0]);
}
