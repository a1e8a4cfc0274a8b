import { RequestValidationError } from './domain-errors';

/** Keeps only the keys a PATCH body actually sent (absent ≠ null). */
export function sentFields<T extends object>(body: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * A PATCH may send null only to empty an optional field; for the fields that must always have a
 * value, null is a 400 naming them.
 */
export function rejectNulls<T extends object>(
  body: T,
  required: readonly (keyof T & string)[],
): void {
  const errors = required
    .filter((key) => (body as Record<string, unknown>)[key] === null)
    .map((field) => ({ field, message: 'must not be null' }));
  if (errors.length > 0) throw new RequestValidationError(errors);
}
