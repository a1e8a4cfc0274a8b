/** ASCII for a Vietnamese text: diacritics dropped, đ → d, words joined by dashes. */
export function asciiSlug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // đ and Đ, escaped: the server's bundle stays ASCII (scripts/bundle.js).
      .replace(/\u0111/g, 'd')
      .replace(/\u0110/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

// From a string, which the server's bundle writes in ASCII escapes (a regex literal it would not).
const UNIT_PREFIX = new RegExp(
  '^(thành phố|tỉnh|quận|huyện|thị xã|phường|xã|thị trấn|đặc khu)\\s+',
  'i',
);

/** A unit's own name without its kind: "Quận Bình Thủy" → "Bình Thủy". */
export function bareUnitName(name: string): string {
  return name.replace(UNIT_PREFIX, '');
}

/**
 * `Content-Disposition` for a download (RFC 6266): an ASCII `filename` every client reads, and
 * `filename*` in UTF-8 (RFC 8187) with the Vietnamese name.
 */
export function contentDisposition(asciiName: string, displayName: string): string {
  const encoded = encodeURIComponent(displayName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
