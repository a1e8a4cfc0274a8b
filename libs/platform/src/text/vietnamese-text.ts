/**
 * Vietnamese text arrives precomposed (NFC) and decomposed (NFD), with stray spaces. We store NFC,
 * trimmed. The search key (no diacritics, no case, đ/Đ as d) is made in the database by
 * `f_search_key()`, for the stored columns and the query alike.
 */

/** NFC and trimmed; free text keeps its line breaks. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/** NFC, trimmed, and every run of whitespace made one space: for names and titles. */
export function normalizeSingleLine(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Fields whose value is kept exactly as typed, apart from NFC (a password may end in a space). */
const VERBATIM_FIELDS = new Set(['password', 'currentPassword', 'newPassword']);

/** Normalises every string in a request body or query, however deeply nested. */
export function normalizeInput(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    return key !== undefined && VERBATIM_FIELDS.has(key)
      ? value.normalize('NFC')
      : normalizeText(value);
  }
  if (Array.isArray(value)) return value.map((item) => normalizeInput(item));
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalizeInput(v, k)]),
    );
  }
  return value;
}
