import { createHash } from 'node:crypto';
import { type CustomTypesConfig, type Pool, types as pgTypes } from 'pg';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The pg pool under TypeORM: reads on the hot paths go straight to it, as named statements. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

// Statement names by text: hashing per call costs more than looking the text up.
const names = new Map<string, string>();

/** A stable name for a statement's text, so each pooled connection plans it once. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `st_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    // The texts are the app's own (filters combine, values are parameters): a bounded set.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/**
 * Runs SQL with `:named` parameters (TypeORM's syntax, as query builders write it) as a named,
 * prepared statement on the pool, outside any transaction: PostgreSQL parses and plans it once
 * per connection instead of on every request. Values never go into the text, so the set of texts
 * stays as small as the set of filter combinations.
 */
export async function queryPrepared<T extends ObjectLiteral>(
  dataSource: DataSource,
  sql: string,
  parameters: ObjectLiteral,
): Promise<T[]> {
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
  return runNamed<T>(dataSource, text, values as unknown[]);
}

/** Runs `$n` text on the pool as the named statement of its text. */
async function runNamed<T extends ObjectLiteral>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  types?: CustomTypesConfig,
): Promise<T[]> {
  const result = await poolOf(dataSource).query<T>({
    name: statementName(text),
    text,
    values,
    ...(types ? { types } : {}),
  });
  return result.rows;
}

const DATE_OID = 1082;
type TextParser = (value: string) => unknown;
const keepText: TextParser = (value) => value;

function calendarDatesAsText(oid: number, format: 'text' | 'binary' = 'text'): TextParser {
  if (oid === DATE_OID && format === 'text') return keepText;
  return pgTypes.getTypeParser(oid, format) as TextParser;
}

/**
 * Column parsers for reads that map rows straight to responses: a `date` stays the calendar date
 * PostgreSQL sends (YYYY-MM-DD), as an entity holds it, instead of a Date at local midnight that
 * would be formatted back; every other type is parsed as the pool parses it.
 */
export const CALENDAR_DATES_AS_TEXT: CustomTypesConfig = {
  getTypeParser: calendarDatesAsText as CustomTypesConfig['getTypeParser'],
};

/**
 * Runs the SQL `build(qb)` makes of a query builder (with `parameters` beside the builder's own),
 * as `queryPrepared` does, keeping the text it comes to for each shape of builder. Building it
 * again on every request (TypeORM's `getQuery`, then the `$n` numbering) cost a task retrieve as
 * much CPU as the pg driver did. `site` names the caller: `build` must make the same SQL of two
 * builders of the same shape at one site, using nothing but the builder and fixed text. `types`
 * overrides the pool's column parsers for this query (e.g. CALENDAR_DATES_AS_TEXT).
 *
 * Two builders have the same shape when their conditions, order, selections and window read the
 * same once their parameters are numbered in order of appearance: the scope rules of the caller
 * are part of the shape, their values are not. A builder with anything else (joins, grouping,
 * conditions that are not text, spread or inline parameters) is built every time.
 */
export async function queryBuilt<T extends ObjectLiteral>(
  dataSource: DataSource,
  site: string,
  qb: SelectQueryBuilder<ObjectLiteral>,
  build: (qb: SelectQueryBuilder<ObjectLiteral>) => string,
  parameters: ObjectLiteral = {},
  types?: CustomTypesConfig,
): Promise<T[]> {
  const { text, values } = builtStatement(dataSource, site, qb, build, parameters);
  return runNamed<T>(dataSource, text, values, types);
}

// TypeORM's parameter syntax, as PostgresDriver.escapeQueryWithParameters reads it.
const PARAMETER = /:(\.\.\.)?([A-Za-z0-9_.]+)/g;

/** What a shape's SQL is, and where each of its `$n` values comes from. */
interface KeptStatement {
  text: string;
  /** Per value: the index of a parameter of the shape, or the name of a fixed one. */
  sources: (number | string)[];
}

const statements = new Map<string, KeptStatement>();

/** Thrown inside `shapeOf` when a builder holds something its shape would not describe. */
class Unkept extends Error {}

interface Shape {
  key: string;
  /** The builder's parameter names in order of appearance: index i is `:<i>` in the key. */
  names: string[];
}

/** The text and values of `build(qb)`, from the statement kept for its shape when there is one. */
export function builtStatement(
  dataSource: DataSource,
  site: string,
  qb: SelectQueryBuilder<ObjectLiteral>,
  build: (qb: SelectQueryBuilder<ObjectLiteral>) => string,
  parameters: ObjectLiteral = {},
): { text: string; values: unknown[] } {
  const own = qb.getParameters();
  const all = { ...own, ...parameters };
  const shape = shapeOf(site, qb, own);
  const kept = shape && statements.get(shape.key);
  if (shape && kept) {
    const values = valuesOf(kept, shape, all);
    if (values) {
      if (process.env.NODE_ENV === 'test')
        verify(dataSource, { text: kept.text, values }, build(qb), all, site);
      return { text: kept.text, values };
    }
  }
  const sql = build(qb);
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, all);
  if (shape && statements.size < 10_000) {
    const sources = sourcesOf(sql, all, shape.names);
    // A spread or inline parameter numbers its values otherwise: that text is not kept.
    if (sources.length === values.length) statements.set(shape.key, { text, sources });
  }
  return { text, values: values as unknown[] };
}

function shapeOf(
  site: string,
  qb: SelectQueryBuilder<ObjectLiteral>,
  parameters: ObjectLiteral,
): Shape | undefined {
  const map = qb.expressionMap;
  if (
    map.queryType !== 'select' ||
    map.subQuery ||
    !map.mainAlias?.hasMetadata ||
    map.joinAttributes.length > 0 ||
    map.relationIdAttributes.length > 0 ||
    map.groupBys.length > 0 ||
    map.havings.length > 0 ||
    map.commonTableExpressions.length > 0 ||
    map.selectDistinctOn.length > 0 ||
    map.lockMode !== undefined ||
    map.maxExecutionTime > 0
  ) {
    return undefined;
  }
  const names: string[] = [];
  const numbered = (text: string) =>
    text.replace(PARAMETER, (whole: string, spread: string | undefined, name: string) => {
      if (!Object.hasOwn(parameters, name)) return whole;
      if (spread !== undefined || typeof parameters[name] === 'function') throw new Unkept();
      const at = names.indexOf(name);
      return `:<${at >= 0 ? at : names.push(name) - 1}>`;
    });
  try {
    const wheres = map.wheres.map(({ type, condition }) => {
      if (typeof condition !== 'string') throw new Unkept();
      return [type, numbered(condition)];
    });
    const orderBys = Object.entries(map.orderBys).map(([by, order]) => [numbered(by), order]);
    const selects = map.selects.map(({ selection, aliasName }) => [numbered(selection), aliasName]);
    const key = JSON.stringify([
      site,
      map.mainAlias.name,
      map.mainAlias.metadata.tablePath,
      map.withDeleted,
      map.selectDistinct,
      map.limit,
      map.offset,
      map.take,
      map.skip,
      selects,
      wheres,
      orderBys,
    ]);
    return { key, names };
  } catch (error) {
    if (error instanceof Unkept) return undefined;
    throw error;
  }
}

/** Where each `$n` of `sql` takes its value from, numbered as TypeORM numbers them. */
function sourcesOf(sql: string, all: ObjectLiteral, names: string[]): (number | string)[] {
  const sources: (number | string)[] = [];
  const seen = new Set<string>();
  for (const [, , name] of sql.matchAll(PARAMETER)) {
    if (!Object.hasOwn(all, name) || seen.has(name)) continue;
    seen.add(name);
    const at = names.indexOf(name);
    sources.push(at >= 0 ? at : name);
  }
  return sources;
}

/** The values of a kept statement for this builder; undefined when a fixed one is missing. */
function valuesOf(kept: KeptStatement, shape: Shape, all: ObjectLiteral): unknown[] | undefined {
  const values: unknown[] = [];
  for (const source of kept.sources) {
    const name = typeof source === 'number' ? shape.names[source] : source;
    if (name === undefined || !Object.hasOwn(all, name)) return undefined;
    values.push(all[name]);
  }
  return values;
}

/** Under test, every kept statement and its values are checked against those built anew. */
function verify(
  dataSource: DataSource,
  kept: { text: string; values: unknown[] },
  sql: string,
  all: ObjectLiteral,
  site: string,
): void {
  const [text, values] = dataSource.driver.escapeQueryWithParameters(sql, all);
  if (text !== kept.text || JSON.stringify(values) !== JSON.stringify(kept.values)) {
    throw new Error(`The statement kept for ${site} is not the one its builder makes:\n${text}`);
  }
}
