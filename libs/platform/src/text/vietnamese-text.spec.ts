import { normalizeInput, normalizeSingleLine, normalizeText } from './vietnamese-text';

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
