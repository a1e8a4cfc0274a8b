/** ASCII for a Vietnamese text: diacritics dropped, đ → d, words joined by dashes. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const UNIT_PREFIX = /^(thành phố|tỉnh|quận|huyện|thị xã|phường|xã|thị trấn|đặc khu)\s+/i;

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
