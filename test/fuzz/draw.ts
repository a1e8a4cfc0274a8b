import fc from 'fast-check';

/**
 * Every random choice of a case goes through fast-check's `fc.gen()`, so a case is replayed exactly
 * from its seed and path (FUZZ_SEED, FUZZ_PATH). Choices that depend on the server's state (which
 * record to touch) are draws too: an index into the records the server lists at that moment.
 */
export class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}

  /** Uniform: fast-check's bias towards small values would skew every choice made from it. */
  int(min: number, max: number): number {
    return this.g((range) => fc.noBias(fc.integer(range)), { min, max });
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Draw.pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** A choice by weight: `weighted([[3, 'a'], [1, 'b']])`. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    const total = options.reduce((sum, [w]) => sum + w, 0);
    let n = this.int(0, total - 1);
    for (const [w, value] of options) {
      if (n < w) return value;
      n -= w;
    }
    return options[options.length - 1][1];
  }

  uuid(): string {
    return this.g(fc.uuid);
  }

  from<T>(arb: fc.Arbitrary<T>): T {
    return this.g(() => arb);
  }
}

/** Words of the domain, with the characters that trip text handling: diacritics, đ, quotes, SQL. */
const WORDS = [
  'Sở',
  'Khoa học',
  'và Công nghệ',
  'Thới An Đông',
  'Bình Thủy',
  'Cần Thơ',
  'dự án',
  'nông nghiệp',
  'Ứng dụng',
  'đổi mới',
  'Nguyễn Văn Khánh',
  'Trần Hoài Phương',
  'Phường',
  'Xã',
  'hội thảo',
  'KH&CN',
  'sở hữu trí tuệ',
  'Ông Đỗ',
  'ĐẶC SẢN',
  '2023',
  'A-1/B',
  '“trích dẫn”',
  "O'Brien",
  '100%',
  '_x_',
  'back\\slash',
  '<b>in đậm</b>',
  "' OR 1=1 --",
  '🌾 lúa',
  'ﬁ ligature',
];

/** Some domain text of `min`–`max` code points (NFC unless `nfd`). */
export function drawText(d: Draw, min: number, max: number, nfd = false): string {
  const count = d.int(1, 5);
  let text = Array.from({ length: count }, () => d.pick(WORDS)).join(' ');
  let points = Array.from(text);
  while (points.length < min) points = points.concat(Array.from(` ${d.pick(WORDS)}`));
  if (points.length > max) points = points.slice(0, max);
  text = points.join('').trim();
  // Trimming may have taken it under the minimum: pad with letters.
  while (Array.from(text).length < min) text += 'ư';
  return nfd ? text.normalize('NFD') : text;
}

/** `n` non-space NFC letters: over-long on purpose, and still over-long after trimming. */
export function longText(n: number): string {
  const letters = Array.from('aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạờởỡớợ');
  return Array.from({ length: n }, (_, i) => letters[i % letters.length]).join('');
}

/** A calendar date between 2000 and 2039. */
export function drawDate(d: Draw): string {
  const year = d.int(2000, 2039);
  const month = d.int(1, 12);
  const day = d.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An instant with an offset, as API.md asks. */
export function drawInstant(d: Draw): string {
  const offset = d.pick(['Z', '+07:00', '+00:00', '-05:00']);
  return `${drawDate(d)}T${String(d.int(0, 23)).padStart(2, '0')}:${String(d.int(0, 59)).padStart(2, '0')}:00${offset}`;
}
