import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

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
  const result = await poolOf(dataSource).query<T>({
    name: statementName(text),
    text,
    values: values as unknown[],
  });
  return result.rows;
}

/**
 * An entity from a raw row holding its table's columns by their database names (`SELECT r.*`),
 * each value converted as TypeORM converts it when it loads the entity itself.
 */
export function hydrate<E extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  raw: Record<string, unknown>,
): E {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
  for (const column of metadata.columns) {
    if (!column.isSelect || !(column.databaseName in raw)) continue;
    column.setEntityValue(
      entity,
      dataSource.driver.prepareHydratedValue(raw[column.databaseName], column),
    );
  }
  return entity;
}
