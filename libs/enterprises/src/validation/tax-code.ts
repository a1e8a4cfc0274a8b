/**
 * Viet Nam's tax code (mã số thuế, MST), which is also an enterprise's registration code.
 *
 * Structure (Thông tư 105/2020/TT-BTC, Điều 5): N1N2 N3N4N5N6N7N8N9 N10, where N1N2 is the
 * province where the code was issued, N3–N9 a sequence number and N10 the check digit; a dependent
 * unit (a branch, a representative office) has a 13-digit code written N1…N10-N11N12N13, its first
 * ten digits its parent's code and N11–N13 a sequence from 001.
 *
 * The circular does not print how N10 is computed. The rule used everywhere (and by python-stdnum,
 * https://github.com/arthurdejong/python-stdnum/blob/master/stdnum/vn/mst.py, with its sources
 * https://vi.wikipedia.org/wiki/Thuế_Việt_Nam): weight N1…N9 by 31, 29, 23, 19, 17, 13, 7, 5, 3;
 * N10 = 10 − (sum mod 11). A sum divisible by 11 would give 10, which no digit holds: no code is
 * issued with those nine digits, so such a code is invalid. The sequence N3–N9 starts at 0000001
 * and a branch's N11–N13 at 001.
 *
 * Since 1 July 2025 individuals and household businesses use their 12-digit personal
 * identification number as tax code (Thông tư 86/2024/TT-BTC); enterprises keep the 10-digit code,
 * so 12 digits are refused here.
 */

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

const SHAPE = /^(\d{10})(?:-(\d{3}))?$/;

/** The check digit of a code's first nine digits, or null when no digit fits (sum mod 11 is 0). */
export function taxCodeCheckDigit(firstNine: string): number | null {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(firstNine[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

/**
 * Why `value` is not a valid tax code as written (`NNNNNNNNNN` or `NNNNNNNNNN-NNN`), or null when
 * it is one. The message says what a person typing it should look at.
 */
export function taxCodeProblem(value: string): string | null {
  const shape = SHAPE.exec(value);
  if (!shape) {
    const digits = value.replace(/\D/g, '').length;
    if (/[^\d-]/.test(value)) {
      return 'must hold only digits (and a dash before a branch’s last 3): NNNNNNNNNN or NNNNNNNNNN-NNN';
    }
    return `must be 10 digits, or 13 written NNNNNNNNNN-NNN for a branch; got ${digits} digit(s)`;
  }
  const [, code, branch] = shape;
  if (code.slice(2, 9) === '0000000') {
    return 'has the sequence number 0000000 (digits 3–9), which is never issued';
  }
  if (branch === '000') return 'has the branch number 000; branches are numbered from 001';
  const check = taxCodeCheckDigit(code);
  if (check === null) {
    return `cannot exist: no check digit fits the first nine digits ${code.slice(0, 9)}; check for a typo`;
  }
  if (Number(code[9]) !== check) {
    return `has the wrong check digit: ${code.slice(0, 9)} must end in ${check}, not ${code[9]}; check for a typo`;
  }
  return null;
}

export function isTaxCode(value: string): boolean {
  return taxCodeProblem(value) === null;
}
