import { DataSource } from 'typeorm';
import { ADMIN_LEVELS, type AdminLevel, type AdminUnitDto, AdminUnitsService } from '@app/registry';
import { type OrganisationDto, OrganisationsService } from '@app/registry';
import { SYSTEM_ACTOR } from '@app/platform';

/**
 * Finding units and organisations by what an administrator knows (a name, a code) through the
 * registry's own list services, so the CLI searches exactly as the API's `?q=` does: ignoring case
 * and Vietnamese diacritics.
 */

/** The CLI reads as the system: every record, unscoped by name. */
const CLI_READER = SYSTEM_ACTOR;

/** Most candidates a lookup shows; past that the search must be narrowed. */
export const MAX_CANDIDATES = 100;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`${flag} "${value}" is not a date: use YYYY-MM-DD, e.g. 2023-08-08`);
  }
  return value;
}

export function checkLevel(flag: string, value: string | undefined): AdminLevel | undefined {
  if (value === undefined) return undefined;
  if (!(ADMIN_LEVELS as readonly string[]).includes(value)) {
    throw new Error(`${flag} "${value}" is not a level: one of ${ADMIN_LEVELS.join(', ')}`);
  }
  return value as AdminLevel;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkId(flag: string, value: string | undefined, byName: string): void {
  if (value !== undefined && !UUID.test(value)) {
    throw new Error(
      `${flag} "${value}" is not an id (a UUID such as 0b6f2c1e-…); ${byName} finds it by name`,
    );
  }
}

export interface FoundUnit extends AdminUnitDto {
  parentName: string | null;
}

export interface FoundOrganisation extends OrganisationDto {
  parentName: string | null;
}

export class RegistryLookup {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: AdminUnitsService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Units whose name holds `text` (or whose code is `text`), with their parent's name. */
  async findUnits(
    text: string,
    filter: { on?: string; level?: AdminLevel } = {},
  ): Promise<{ items: FoundUnit[]; total: number }> {
    const base = { page: 1, pageSize: MAX_CANDIDATES, validOn: filter.on, level: filter.level };
    const [byName, byCode] = await Promise.all([
      this.units.list(CLI_READER, { ...base, q: text }),
      /^\d{1,10}$/.test(text.trim())
        ? this.units.list(CLI_READER, { ...base, code: text.trim() })
        : Promise.resolve({ items: [], total: 0 }),
    ]);
    const items = [...byCode.items, ...byName.items.filter((u) => u.code !== text.trim())];
    const names = await this.namesOf(
      'admin_unit',
      items.map((u) => u.parentId),
    );
    return {
      items: items.map((u) => ({ ...u, parentName: u.parentId ? names.get(u.parentId)! : null })),
      total: byName.total + byCode.total,
    };
  }

  async findOrganisations(text: string): Promise<{ items: FoundOrganisation[]; total: number }> {
    const page = await this.organisations.list(CLI_READER, {
      page: 1,
      pageSize: MAX_CANDIDATES,
      q: text,
    });
    const names = await this.namesOf(
      'organisation',
      page.items.map((o) => o.parentId),
    );
    return {
      items: page.items.map((o) => ({
        ...o,
        parentName: o.parentId ? names.get(o.parentId)! : null,
      })),
      total: page.total,
    };
  }

  /**
   * The one unit a district officer is bound to: the only match, or the only one whose name or
   * code is exactly what was typed (diacritics aside). Anything else is refused, listing the
   * candidates.
   */
  async oneUnit(text: string, on: string | undefined): Promise<FoundUnit> {
    const found = await this.findUnits(text, { on });
    // Provinces cannot be bound (the service refuses them): leave them out of the candidates.
    const items = found.items.filter((u) => u.level !== 'province');
    const key = await this.searchKey(text);
    const exact = [];
    for (const unit of items) {
      if (unit.code === text.trim() || (await this.searchKey(unit.name)) === key) exact.push(unit);
    }
    const chosen = items.length === 1 ? items : exact;
    if (chosen.length === 1) return chosen[0];
    if (items.length === 0 && found.items.length > 0) {
      throw new Error(
        `--unit "${text}" matches only provinces; a district officer is bound to a district or a commune`,
      );
    }
    if (items.length === 0) {
      throw new Error(
        `--unit "${text}": no district or commune${on ? ` in force on ${on}` : ''} has this name or code; ` +
          'npm run cli -- units:find <text> lists them',
      );
    }
    throw new Error(
      `--unit "${text}" matches ${items.length} units; give its code${on ? '' : ', --on YYYY-MM-DD'} or --admin-unit-id:\n` +
        items.map(formatUnit).join('\n'),
    );
  }

  async oneOrganisation(text: string): Promise<FoundOrganisation> {
    const found = await this.findOrganisations(text);
    const key = await this.searchKey(text);
    const exact = [];
    for (const org of found.items) {
      const keys = [await this.searchKey(org.name)];
      if (org.shortName) keys.push(await this.searchKey(org.shortName));
      if (keys.includes(key)) exact.push(org);
    }
    const chosen = found.items.length === 1 ? found.items : exact;
    if (chosen.length === 1) return chosen[0];
    if (found.items.length === 0) {
      throw new Error(
        `--organisation "${text}": no organisation has this name; npm run cli -- organisations:find <text> lists them`,
      );
    }
    throw new Error(
      `--organisation "${text}" matches ${found.total} organisations; give the whole name or --organisation-id:\n` +
        found.items.map(formatOrganisation).join('\n'),
    );
  }

  /** The app's own diacritic-free key (the SQL function behind every search_key column). */
  private async searchKey(text: string): Promise<string> {
    const rows: { key: string }[] = await this.dataSource.query('SELECT f_search_key($1) AS key', [
      text,
    ]);
    return rows[0].key;
  }

  /** Names of the parents shown beside each match, in one query. */
  private async namesOf(
    table: 'admin_unit' | 'organisation',
    ids: (string | null)[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM ${table} WHERE id = ANY($1)`,
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

function validity(unit: AdminUnitDto): string {
  if (!unit.validFrom && !unit.validTo) return 'in force';
  if (!unit.validFrom) return `until ${unit.validTo}`;
  if (!unit.validTo) return `from ${unit.validFrom}`;
  return `${unit.validFrom} to ${unit.validTo}`;
}

export function formatUnit(unit: FoundUnit): string {
  return [
    `  ${unit.id}`,
    unit.code.padEnd(6),
    `${unit.level} (${unit.subtype})`.padEnd(21),
    unit.name,
    unit.parentName ? `in ${unit.parentName}` : '',
    `[${validity(unit)}]`,
  ]
    .filter((part) => part !== '')
    .join('  ');
}

export function formatOrganisation(org: FoundOrganisation): string {
  return [
    `  ${org.id}`,
    org.kind.padEnd(18),
    org.shortName ? `${org.name} (${org.shortName})` : org.name,
    org.parentName ? `under ${org.parentName}` : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
}
