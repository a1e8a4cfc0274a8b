import { BIGINT_AS_NUMBER, NUMERIC_AS_NUMBER } from './column-transformers';

describe('money and decimal columns', () => {
  it('reads bigint đồng as exact numbers and refuses what a number cannot hold exactly', () => {
    expect(BIGINT_AS_NUMBER.from('1250000000')).toBe(1_250_000_000);
    expect(BIGINT_AS_NUMBER.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(BIGINT_AS_NUMBER.from(null)).toBeNull();
    expect(() => BIGINT_AS_NUMBER.from('9007199254740993')).toThrow(
      'The amount 9007199254740993 is beyond what the API can represent exactly',
    );
  });

  it('reads numeric as numbers, null as null', () => {
    expect(NUMERIC_AS_NUMBER.from('1234.5000')).toBe(1234.5);
    expect(NUMERIC_AS_NUMBER.from('99999999999.9999')).toBe(99999999999.9999);
    expect(NUMERIC_AS_NUMBER.from(null)).toBeNull();
  });
});
