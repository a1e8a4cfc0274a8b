import { isTaxCode, taxCodeCheckDigit, taxCodeProblem } from './tax-code';

// Codes whose check digits python-stdnum's documentation verifies (stdnum/vn/mst.py).
const VALID = ['0100233488', '0314409058', '0100112437', '0312687878'];

describe('Viet Nam tax code (mã số thuế)', () => {
  it.each(VALID)('accepts %s, whose check digit fits', (code) => {
    expect(taxCodeProblem(code)).toBeNull();
    expect(isTaxCode(code)).toBe(true);
  });

  it('computes the check digit with weights 31, 29, 23, 19, 17, 13, 7, 5, 3 and 10 − sum mod 11', () => {
    // 0·31 + 1·29 + 0·23 + 0·19 + 2·17 + 3·13 + 3·7 + 4·5 + 8·3 = 167; 167 mod 11 = 2; 10 − 2 = 8.
    expect(taxCodeCheckDigit('010023348')).toBe(8);
    // A sum of 10 mod 11 gives the digit 0.
    expect(taxCodeCheckDigit('180000000')).toBe(0);
  });

  it('refuses a wrong check digit, saying which digit fits', () => {
    expect(taxCodeProblem('0100233480')).toBe(
      'has the wrong check digit: 010023348 must end in 8, not 0; check for a typo',
    );
    expect(isTaxCode('0314409057')).toBe(false);
  });

  it('refuses nine digits whose check would be 10: no such code is issued', () => {
    // 1·31 + 8·29 + 4·3 = 275 = 25 · 11.
    expect(taxCodeCheckDigit('180000004')).toBeNull();
    for (let digit = 0; digit <= 9; digit++) {
      expect(taxCodeProblem(`180000004${digit}`)).toMatch(/^cannot exist: no check digit fits/);
    }
  });

  it('refuses 9 and 11 digits, and 12 (a personal identification number)', () => {
    expect(taxCodeProblem('010023348')).toBe(
      'must be 10 digits, or 13 written NNNNNNNNNN-NNN for a branch; got 9 digit(s)',
    );
    expect(taxCodeProblem('01002334881')).toMatch(/got 11 digit\(s\)$/);
    expect(taxCodeProblem('092301004567')).toMatch(/got 12 digit\(s\)$/);
    expect(taxCodeProblem('')).toMatch(/got 0 digit\(s\)$/);
  });

  it('refuses letters, spaces and other separators', () => {
    for (const code of [
      '01002334B8',
      'MST0100233488',
      '0100 233 488',
      '0100.233.488',
      '０１００２３３４８８',
    ]) {
      expect(taxCodeProblem(code)).toMatch(/^must hold only digits/);
    }
  });

  it('accepts a branch written NNNNNNNNNN-NNN whose first ten digits are a valid code', () => {
    expect(taxCodeProblem('0314409058-002')).toBeNull();
    expect(taxCodeProblem('0312687878-001')).toBeNull();
  });

  it('refuses a branch of an invalid code, branch 000, and other ways of writing a branch', () => {
    expect(taxCodeProblem('0314409057-002')).toMatch(/^has the wrong check digit/);
    expect(taxCodeProblem('0314409058-000')).toBe(
      'has the branch number 000; branches are numbered from 001',
    );
    // 13 digits without the dash, a dash elsewhere, a branch of 2 or 4 digits.
    for (const code of ['0314409058002', '031440905-8002', '0314409058-02', '0314409058-0002']) {
      expect(isTaxCode(code)).toBe(false);
    }
    expect(taxCodeProblem('0314409058002')).toMatch(/got 13 digit\(s\)$/);
  });

  it('refuses the sequence number 0000000, which is never issued', () => {
    expect(taxCodeProblem('1800000000')).toBe(
      'has the sequence number 0000000 (digits 3–9), which is never issued',
    );
  });
});
