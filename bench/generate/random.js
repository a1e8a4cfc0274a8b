// Deterministic randomness for the generator: one independent stream per name, from the seed, so
// a table's rows depend only on the seed and the table's own code (a change to how one table is
// made never shifts another's). sfc32 seeded through splitmix32: fast, 32-bit, good enough.

/** A 32-bit hash of a string (FNV-1a), to name streams. */
function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state) {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n) {
  return HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

class Random {
  constructor(seed, name) {
    const mix = splitmix32((Number(seed) >>> 0) ^ hashString(name));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** sfc32: the next unsigned 32-bit integer. */
  u32() {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return t >>> 0;
  }

  /** In [0, 1). */
  next() {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** An item of `[[weight, value], …]` by weight. */
  weighted(table) {
    let total = 0;
    for (const [w] of table) total += w;
    let r = this.next() * total;
    for (const [w, value] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1][1];
  }

  /** `count` distinct items of `list` (count ≤ list.length), in the list's order. */
  sample(list, count) {
    if (count >= list.length) return list.slice();
    const chosen = new Set();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].sort((x, y) => x - y).map((i) => list[i]);
  }

  /** A version-4 UUID from this stream. */
  uuid() {
    const a = this.u32();
    const b = (this.u32() & 0xffff0fff) | 0x00004000;
    const c = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.u32();
    const h = hex32(b >>> 0);
    const k = hex32(c);
    return `${hex32(a)}-${h.slice(0, 4)}-${h.slice(4)}-${k.slice(0, 4)}-${k.slice(4)}${hex32(d)}`;
  }
}

/** A stream of randomness named `name` under `seed`. */
function stream(seed, name) {
  return new Random(seed, name);
}

/**
 * Splits `total` into `count` parts of random sizes around the mean (each at least `min`), adding
 * up exactly to `total`: the counts of children per parent.
 */
function split(random, total, count, min = 0) {
  const weights = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    weights[i] = 0.25 + random.next() * 1.5;
    sum += weights[i];
  }
  const spare = total - min * count;
  const parts = new Int32Array(count);
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < count; i++) {
    cumulative += weights[i];
    const upTo = Math.round((cumulative / sum) * spare);
    parts[i] = min + upTo - given;
    given = upTo;
  }
  return parts;
}

module.exports = { stream, split, hashString };
