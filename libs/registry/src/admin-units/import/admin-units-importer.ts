import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  LAST_DAY_BEFORE_REFORM,
  ReferenceData,
  ReferenceDataError,
  REFORM_DATE,
  type Era,
  type UnitRow,
} from './reference-files';

export interface ImportProgress {
  /** A step starts: `total` items to go through. */
  start(step: string, total: number): void;
  advance(count: number): void;
  done(): void;
}

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  successorsAdded: number;
  successorsRemoved: number;
  dryRun: boolean;
}

interface ExistingUnit {
  id: string;
  code: string;
  name: string;
  level: string;
  subtype: string;
  parent_id: string | null;
  era: Era;
}

const CHUNK = 2000;

/** The validity of each era: before = until 30 June 2025; after = from 1 July 2025. */
const ERA_VALIDITY: Record<Era, { validFrom: string | null; validTo: string | null }> = {
  before: { validFrom: null, validTo: LAST_DAY_BEFORE_REFORM },
  after: { validFrom: REFORM_DATE, validTo: null },
};

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/**
 * Loads the official units into `admin_unit` in one transaction: units of the two eras matched by
 * code (an era is the validity the import gives it), inserted or corrected, their successor links
 * made to match the file, and an `import` audit event for every unit it changes. Running it again
 * changes nothing. A bulk statement per 2,000 rows keeps a whole-country import to seconds.
 */
export async function importAdminUnits(
  dataSource: DataSource,
  data: ReferenceData,
  options: { dryRun?: boolean; progress?: ImportProgress } = {},
): Promise<ImportSummary> {
  const progress = options.progress;
  const summary: ImportSummary = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    successorsAdded: 0,
    successorsRemoved: 0,
    dryRun: options.dryRun ?? false,
  };
  await dataSource
    .transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(727274202503)');
      const existing = await loadExisting(manager);
      const key = (era: Era, code: string) => `${era}:${code}`;
      const ids = new Map<string, string>();
      for (const unit of existing.values()) ids.set(key(unit.era, unit.code), unit.id);
      for (const unit of data.units) {
        if (!ids.has(key(unit.era, unit.code))) ids.set(key(unit.era, unit.code), randomUUID());
      }
      const parentOf = (unit: UnitRow) =>
        unit.parentCode ? ids.get(key(unit.era, unit.parentCode))! : null;

      const inserts: UnitRow[] = [];
      const updates: UnitRow[] = [];
      for (const unit of data.units) {
        const current = existing.get(key(unit.era, unit.code));
        if (!current) inserts.push(unit);
        else if (
          current.name !== unit.name ||
          current.level !== unit.level ||
          current.subtype !== unit.subtype ||
          current.parent_id !== parentOf(unit)
        ) {
          updates.push(unit);
        } else summary.unchanged++;
      }

      // Successor links to add and remove, known before anything is written.
      const wanted = new Set(
        data.successors.map(
          (s) => `${ids.get(key('before', s.oldCode))}>${ids.get(key('after', s.newCode))}`,
        ),
      );
      const beforeIds = data.units
        .filter((u) => u.era === 'before')
        .map((u) => ids.get(key('before', u.code))!);
      const current = await manager.query<{ predecessor_id: string; successor_id: string }[]>(
        'SELECT predecessor_id, successor_id FROM admin_unit_successor WHERE predecessor_id = ANY($1::uuid[])',
        [beforeIds],
      );
      const have = new Set(current.map((r) => `${r.predecessor_id}>${r.successor_id}`));
      const add = [...wanted].filter((link) => !have.has(link)).map((link) => link.split('>'));
      const remove = [...have].filter((link) => !wanted.has(link)).map((link) => link.split('>'));

      // Every unit the import changes gets an audit event with the unit before and after.
      const insertedIds = new Set(inserts.map((u) => ids.get(key(u.era, u.code))!));
      const updatedIds = new Set(updates.map((u) => ids.get(key(u.era, u.code))!));
      const relinkedIds = new Set(
        [...add, ...remove].map((l) => l[0]).filter((id) => !insertedIds.has(id)),
      );
      const changedIds = [...new Set([...updatedIds, ...relinkedIds])];
      const before = await unitSnapshots(manager, changedIds);

      // Parents first, so every row's parent exists when it is written.
      const byLevel = (a: UnitRow, b: UnitRow) => levelOrder(a) - levelOrder(b);
      inserts.sort(byLevel);
      progress?.start('units', inserts.length + updates.length);
      for (const batch of chunks(inserts)) {
        await manager.query(
          `INSERT INTO admin_unit (id, code, name, level, subtype, parent_id, valid_from, valid_to)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::date[])`,
          [
            batch.map((u) => ids.get(key(u.era, u.code))),
            batch.map((u) => u.code),
            batch.map((u) => u.name),
            batch.map((u) => u.level),
            batch.map((u) => u.subtype),
            batch.map(parentOf),
            batch.map((u) => ERA_VALIDITY[u.era].validFrom),
            batch.map((u) => ERA_VALIDITY[u.era].validTo),
          ],
        );
        summary.inserted += batch.length;
        progress?.advance(batch.length);
      }
      for (const batch of chunks(updates)) {
        await manager.query(
          `UPDATE admin_unit a SET name = v.name, level = v.level, subtype = v.subtype,
                parent_id = v.parent_id, version = a.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])
                AS v(id, name, level, subtype, parent_id)
          WHERE a.id = v.id`,
          [
            batch.map((u) => ids.get(key(u.era, u.code))),
            batch.map((u) => u.name),
            batch.map((u) => u.level),
            batch.map((u) => u.subtype),
            batch.map(parentOf),
          ],
        );
        summary.updated += batch.length;
        progress?.advance(batch.length);
      }
      progress?.done();

      progress?.start('successors', add.length + remove.length);
      for (const batch of chunks(add)) {
        await manager.query(
          `INSERT INTO admin_unit_successor (predecessor_id, successor_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
          [batch.map((l) => l[0]), batch.map((l) => l[1])],
        );
        progress?.advance(batch.length);
      }
      if (remove.length > 0) {
        await manager.query(
          `DELETE FROM admin_unit_successor s USING unnest($1::uuid[], $2::uuid[]) AS v(p, q)
          WHERE s.predecessor_id = v.p AND s.successor_id = v.q`,
          [remove.map((l) => l[0]), remove.map((l) => l[1])],
        );
        progress?.advance(remove.length);
      }
      // A unit whose successors changed is a new version of it, as when an administrator edits it.
      const relinkedOnly = [...relinkedIds].filter((id) => !updatedIds.has(id));
      for (const batch of chunks(relinkedOnly)) {
        await manager.query(
          'UPDATE admin_unit SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])',
          [batch],
        );
      }
      progress?.done();
      for (const batch of chunks([...insertedIds, ...changedIds])) {
        await manager.query(
          `INSERT INTO audit_event (entity_type, entity_id, action, before, after)
           SELECT 'admin_unit', a.id, 'import', b.before, ${UNIT_JSON}
             FROM admin_unit a
             LEFT JOIN unnest($2::uuid[], $3::jsonb[]) AS b(id, before) ON b.id = a.id
            WHERE a.id = ANY($1::uuid[])`,
          [batch, [...before.keys()], [...before.values()]],
        );
      }
      summary.successorsAdded = add.length;
      summary.successorsRemoved = remove.length;
      // A dry run does all the work, then rolls it back.
      if (summary.dryRun) throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (error instanceof DryRunRollback) return;
      const pg = error as { code?: string; constraint?: string; detail?: string };
      if (pg.code === '23P01' && pg.constraint === 'xc_admin_unit_code_in_force') {
        throw new ReferenceDataError(
          `A unit entered by hand already uses a code of the official list in the same period (${pg.detail ?? ''}); ` +
            'change or delete it, then import again. Nothing was written.',
        );
      }
      throw error;
    });
  return summary;
}

class DryRunRollback extends Error {}

function levelOrder(unit: UnitRow): number {
  return unit.level === 'province' ? 0 : unit.level === 'district' ? 1 : 2;
}

/** A unit as its audit events show it (the API's fields), built in SQL for thousands at once. */
const UNIT_JSON = `jsonb_build_object(
  'id', a.id, 'code', a.code, 'name', a.name, 'level', a.level, 'subtype', a.subtype,
  'parentId', a.parent_id, 'validFrom', a.valid_from, 'validTo', a.valid_to, 'version', a.version,
  'successorIds', COALESCE((SELECT jsonb_agg(s.successor_id ORDER BY s.successor_id)
                              FROM admin_unit_successor s WHERE s.predecessor_id = a.id), '[]'::jsonb))`;

async function unitSnapshots(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const snapshots = new Map<string, string>();
  for (const batch of chunks(ids)) {
    const rows = await manager.query<{ id: string; json: string }[]>(
      `SELECT a.id, ${UNIT_JSON}::text AS json FROM admin_unit a WHERE a.id = ANY($1::uuid[])`,
      [batch],
    );
    for (const row of rows) snapshots.set(row.id, row.json);
  }
  return snapshots;
}

async function loadExisting(manager: EntityManager): Promise<Map<string, ExistingUnit>> {
  const rows = await manager.query<ExistingUnit[]>(
    `SELECT id, code, name, level, subtype, parent_id,
            CASE WHEN valid_from IS NULL THEN 'before' ELSE 'after' END AS era
       FROM admin_unit
      WHERE deleted_at IS NULL
        AND ((valid_from IS NULL AND valid_to = $1) OR (valid_from = $2 AND valid_to IS NULL))`,
    [LAST_DAY_BEFORE_REFORM, REFORM_DATE],
  );
  return new Map(rows.map((row) => [`${row.era}:${row.code}`, row]));
}
