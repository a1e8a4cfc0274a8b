/**
 * Positional parameters of one raw statement, added as they are written into it: `p.add(x,
 * 'date')` gives `$3::date`. Values never go into the SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** Viet Nam's time zone, as SQL converts instants to calendar days with it. */
export const VN = `'Asia/Ho_Chi_Minh'`;

/** The calendar day in Viet Nam of a timestamptz expression. */
export function vietnamDay(instant: string): string {
  return `(${instant} AT TIME ZONE ${VN})::date`;
}

/** An instant as the API writes it: ISO 8601 in Viet Nam time, `2023-08-08T14:00:00+07:00`. */
export function vietnamInstantSql(instant: string): string {
  return `to_char(${instant} AT TIME ZONE ${VN}, 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"')`;
}

/** `json_build_object('a', count(*) FILTER (WHERE expr = 'a'), …)` for every value, zeros included. */
export function countsByValue(expression: string, values: readonly string[]): string {
  return `json_build_object(${values
    .map((v) => `'${v}', count(*) FILTER (WHERE ${expression} = '${v}')`)
    .join(', ')})`;
}
