import { parse } from 'csv-parse/sync';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { normalizeSingleLine, shippedDir } from '@app/platform';
import {
  ADMIN_LEVELS,
  LEVEL_RANK,
  SUBTYPES_BY_LEVEL,
  type AdminLevel,
  type AdminSubtype,
} from '../admin-unit.entity';

/** The reform that abolished the district level and merged provinces. */
export const REFORM_DATE = '2025-07-01';
export const LAST_DAY_BEFORE_REFORM = '2025-06-30';

/**
 * The official lists shipped with the project (see its README for sources and checks), found
 * beside the sources whether this runs from `libs/` (tests), `dist/` or the single-file build.
 */
export const REFERENCE_DIR = shippedDir(
  path.join('libs', 'registry', 'reference', 'admin-units'),
  __dirname,
);

export const FILES = {
  before: 'units-2024.csv',
  after: 'units-2025.csv',
  successors: 'successors-2025.csv',
} as const;

export type Era = 'before' | 'after';

export interface UnitRow {
  era: Era;
  code: string;
  name: string;
  level: AdminLevel;
  subtype: AdminSubtype;
  parentCode: string | null;
  line: number;
}

export interface SuccessorRow {
  oldCode: string;
  newCode: string;
  line: number;
}

export interface ReferenceData {
  units: UnitRow[];
  successors: SuccessorRow[];
}

/** A bad row: the import names the file and line and writes nothing. */
export class ReferenceDataError extends Error {}

const CODE_LENGTH: Record<AdminLevel, number> = { province: 2, district: 3, commune: 5 };

function fail(file: string, line: number, message: string): never {
  throw new ReferenceDataError(`${file} line ${line}: ${message}`);
}

function readCsv(
  file: string,
  content: string,
  columns: string[],
): { row: Record<string, string>; line: number }[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse<{ record: Record<string, string>; info: { lines: number } }>(content, {
      columns: (header: string[]) => {
        if (header.join(',') !== columns.join(',')) {
          fail(file, 1, `the header must be ${columns.join(',')}, not ${header.join(',')}`);
        }
        return header;
      },
      info: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (error) {
    if (error instanceof ReferenceDataError) throw error;
    const e = error as Error & { lines?: number };
    fail(file, e.lines ?? 0, e.message);
  }
  return records.map(({ record, info }) => ({ row: record, line: info.lines }));
}

function parseUnits(file: string, content: string, era: Era): UnitRow[] {
  const rows = readCsv(file, content, ['code', 'name', 'level', 'subtype', 'parent_code']);
  const units: UnitRow[] = [];
  const byCode = new Map<string, UnitRow>();
  for (const { row, line } of rows) {
    const code = row.code.trim();
    const name = normalizeSingleLine(row.name);
    const level = row.level.trim() as AdminLevel;
    const subtype = row.subtype.trim() as AdminSubtype;
    const parentCode = row.parent_code.trim() || null;
    if (!(ADMIN_LEVELS as readonly string[]).includes(level)) {
      fail(file, line, `level "${row.level}" is not one of ${ADMIN_LEVELS.join(', ')}`);
    }
    if (!new RegExp(`^\\d{${CODE_LENGTH[level]}}$`).test(code)) {
      fail(file, line, `code "${row.code}" must be ${CODE_LENGTH[level]} digits for a ${level}`);
    }
    if (name === '') fail(file, line, 'the name is empty');
    if (!SUBTYPES_BY_LEVEL[level].includes(subtype)) {
      fail(file, line, `subtype "${row.subtype}" is not allowed for a ${level}`);
    }
    if (level === 'province' && parentCode) fail(file, line, 'a province has no parent_code');
    if (level !== 'province' && !parentCode) fail(file, line, `a ${level} needs a parent_code`);
    if (byCode.has(code))
      fail(file, line, `code ${code} appears twice (first on line ${byCode.get(code)!.line})`);
    const unit: UnitRow = { era, code, name, level, subtype, parentCode, line };
    byCode.set(code, unit);
    units.push(unit);
  }
  for (const unit of units) {
    if (!unit.parentCode) continue;
    const parent = byCode.get(unit.parentCode);
    if (!parent) fail(file, unit.line, `parent_code ${unit.parentCode} is not a unit of this file`);
    if (LEVEL_RANK[parent.level] >= LEVEL_RANK[unit.level]) {
      fail(file, unit.line, `a ${unit.level} cannot lie under the ${parent.level} ${parent.code}`);
    }
  }
  return units;
}

function parseSuccessors(
  file: string,
  content: string,
  before: UnitRow[],
  after: UnitRow[],
): SuccessorRow[] {
  const oldCodes = new Set(before.map((u) => u.code));
  const newCodes = new Set(after.map((u) => u.code));
  const seen = new Set<string>();
  return readCsv(file, content, ['old_code', 'new_code']).map(({ row, line }) => {
    const oldCode = row.old_code.trim();
    const newCode = row.new_code.trim();
    if (!oldCodes.has(oldCode))
      fail(file, line, `old_code ${oldCode} is not a unit of ${FILES.before}`);
    if (!newCodes.has(newCode))
      fail(file, line, `new_code ${newCode} is not a unit of ${FILES.after}`);
    const key = `${oldCode}>${newCode}`;
    if (seen.has(key)) fail(file, line, `the pair ${oldCode} → ${newCode} appears twice`);
    seen.add(key);
    return { oldCode, newCode, line };
  });
}

/** Parses and checks the three files; throws a ReferenceDataError naming the first bad line. */
export function parseReferenceData(contents: Record<keyof typeof FILES, string>): ReferenceData {
  const before = parseUnits(FILES.before, contents.before, 'before');
  const after = parseUnits(FILES.after, contents.after, 'after');
  const successors = parseSuccessors(FILES.successors, contents.successors, before, after);
  return { units: [...before, ...after], successors };
}

export async function readReferenceData(dir = REFERENCE_DIR): Promise<ReferenceData> {
  const read = async (name: string) => {
    try {
      return await fs.readFile(path.join(dir, name), 'utf8');
    } catch (error) {
      throw new ReferenceDataError(
        `Cannot read ${path.join(dir, name)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  };
  return parseReferenceData({
    before: await read(FILES.before),
    after: await read(FILES.after),
    successors: await read(FILES.successors),
  });
}
