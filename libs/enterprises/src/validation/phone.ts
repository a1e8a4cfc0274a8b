/**
 * A Vietnamese phone number as people write it: digits grouped by spaces, dots or dashes,
 * optionally in international form (+84 and the number without its leading 0):
 * - mobiles: 0 and 9 digits (`0912 345 678`), or `+84 912 345 678`;
 * - landlines: 0, a 2–3 digit area code and the subscriber number, 11 digits in all since 2017
 *   (`0292 3 123 456` in Cần Thơ), or `+84 292 3 123 456`;
 * - hotlines: 1800 / 1900 and 4–6 more digits (`1800 1234`, `1900 123 456`).
 * The separators are kept as typed; only the digits are checked.
 */
const ALLOWED = /^\+?\d[\d .-]*\d$/;

export function phoneProblem(value: string): string | null {
  if (!ALLOWED.test(value) || /[ .-]{2,}/.test(value)) {
    return 'must be a phone number: digits, optionally grouped by single spaces, dots or dashes, or starting with +84';
  }
  const digits = value.replace(/\D/g, '');
  if (value.startsWith('+')) {
    if (!digits.startsWith('84')) return 'must be a Vietnamese number: +84 followed by the number';
    const national = digits.slice(2);
    return national.length >= 9 && national.length <= 10 && !national.startsWith('0')
      ? null
      : 'must be +84 followed by 9 or 10 digits (without the leading 0)';
  }
  if (/^1[89]00/.test(digits)) {
    return digits.length >= 8 && digits.length <= 10 ? null : 'a 1800/1900 number has 8–10 digits';
  }
  if (!digits.startsWith('0')) return 'must start with 0, +84, 1800 or 1900';
  return digits.length === 10 || digits.length === 11
    ? null
    : `must have 10 digits (mobile) or 11 (landline with area code); got ${digits.length}`;
}

export function isVietnamesePhone(value: string): boolean {
  return phoneProblem(value) === null;
}
