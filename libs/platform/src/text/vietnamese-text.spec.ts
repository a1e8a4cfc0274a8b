import { normalizeInput, normalizeSingleLine, normalizeText, toSearchKey } from './vietnamese-text';

const NFD_THOI_AN_DONG = 'Tho\u031b\u0301i An \u0110o\u0302ng';

describe('normalizeText', () => {
  it('turns decomposed input into the precomposed form', () => {
    const result = normalizeText(NFD_THOI_AN_DONG);
    expect(result).toBe('Thới An Đông');
    expect(result).toHaveLength(12);
    expect(result).not.toBe(NFD_THOI_AN_DONG);
  });

  it('trims but keeps line breaks inside free text', () => {
    expect(normalizeText('  Kết luận:\nmột  hai  ')).toBe('Kết luận:\nmột  hai');
  });

  it('leaves an empty or blank string empty', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' \t\n ')).toBe('');
  });
});

describe('normalizeSingleLine', () => {
  it('collapses runs of spaces, tabs and newlines', () => {
    expect(normalizeSingleLine('  Xã \t Mỹ\nLộc ')).toBe('Xã Mỹ Lộc');
  });
});

describe('toSearchKey', () => {
  it('drops diacritics from decomposed input', () => {
    expect(toSearchKey(NFD_THOI_AN_DONG)).toBe('thoi an dong');
  });

  it('maps đ and Đ to d, which stripping combining marks alone misses', () => {
    expect(toSearchKey('Cờ Đỏ')).toBe('co do');
    expect(toSearchKey('đường')).toBe('duong');
  });

  it('ignores case', () => {
    expect(toSearchKey('THỚI')).toBe(toSearchKey('thới'));
    expect(toSearchKey('BìNh THủY')).toBe('binh thuy');
  });

  it('gives an empty key for empty input', () => {
    expect(toSearchKey('')).toBe('');
    expect(toSearchKey('   ')).toBe('');
  });

  it('covers every Vietnamese vowel with every tone', () => {
    const vowels = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
    expect(toSearchKey(vowels)).toMatch(/^[aeiouy]+$/);
    expect(toSearchKey(vowels.toUpperCase())).toBe(toSearchKey(vowels));
  });
});

describe('normalizeInput', () => {
  it('normalises strings at any depth and leaves other values alone', () => {
    expect(
      normalizeInput({
        name: ` ${NFD_THOI_AN_DONG} `,
        n: 3,
        items: [{ a: ' x ' }],
        ok: true,
        none: null,
      }),
    ).toEqual({ name: 'Thới An Đông', n: 3, items: [{ a: 'x' }], ok: true, none: null });
  });

  it('does not trim passwords, only composes them', () => {
    expect(normalizeInput({ password: ' secret\u0301 ' })).toEqual({
      password: ' secret\u0301 '.normalize('NFC'),
    });
  });
});
