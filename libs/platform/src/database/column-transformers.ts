import type { ValueTransformer } from 'typeorm';

/**
 * VND in a `bigint` column, as a JavaScript number. The driver returns bigint as a string; a value
 * beyond Number.MAX_SAFE_INTEGER (9,007,199,254,740,991 đồng) cannot be a number without losing
 * đồng, so reading one fails loudly instead of rounding. Writes are validated to that bound.
 */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from(value: string | null): number | null {
    if (value === null || value === undefined) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) {
      throw new Error(`The amount ${value} is beyond what the API can represent exactly`);
    }
    return parsed;
  },
};

/**
 * A `numeric` column (exact decimal: areas, indicator targets) as a JavaScript number. The driver
 * returns numeric as a string; the columns' precision keeps their values within a double's
 * exact range.
 */
export const NUMERIC_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null =>
    value === null || value === undefined ? null : Number(value),
};
