/**
 * SQL for CHECK constraints built from the same constants as the TypeScript unions they guard, so
 * a new status is added in one place. The text is what PostgreSQL and the migrations use.
 */
function literal(value: string): string {
  if (!/^[a-z0-9_]+$/.test(value)) throw new Error(`Not a plain enum value: ${value}`);
  return `'${value}'`;
}

/** `status IN ('open', 'done')` */
export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map(literal).join(', ')})`;
}

/** `topics <@ ARRAY['a', 'b']::text[]`: every element of an array column is one of the values. */
export function sqlArrayWithin(column: string, values: readonly string[]): string {
  return `${column} <@ ARRAY[${values.map(literal).join(', ')}]::text[]`;
}
