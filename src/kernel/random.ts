// Randomness is an input: one master seed derives independent named streams, and a stream may be
// split into one sub-stream per entity (device), so that what a device draws never depends on what
// other devices or the policy drew. That is what makes common random numbers across policies hold.
// Generator: xoshiro128** (32-bit state words, so it ports to AssemblyScript unchanged).

/** 32-bit FNV-1a of a string: turns stream names into numbers. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Derive the seed of replica i from a base seed (also used by sweeps). */
export function deriveSeed(baseSeed: number, ...parts: (number | string)[]): number {
  let h = splitmix32((baseSeed >>> 0) ^ splitmix32(Math.floor(baseSeed / 2 ** 32)));
  for (const part of parts) {
    h = splitmix32(h ^ (typeof part === "string" ? hashName(part) : splitmix32(part >>> 0)));
  }
  return h;
}

/**
 * `count` independent xoshiro128** generators in one Uint32Array (4 words each).
 * Stream k of entity i is seeded from (seed, name, i), so adding devices never shifts others.
 */
export class StreamSet {
  readonly state: Uint32Array;
  constructor(seed: number, name: string, count: number) {
    this.state = new Uint32Array(4 * count);
    for (let i = 0; i < count; i++) {
      let s = deriveSeed(seed, name, i);
      for (let w = 0; w < 4; w++) {
        s = splitmix32(s + w);
        this.state[4 * i + w] = s;
      }
      if ((this.state[4 * i]! | this.state[4 * i + 1]! | this.state[4 * i + 2]! | this.state[4 * i + 3]!) === 0) {
        this.state[4 * i] = 1;
      }
    }
  }

  /** Next 32-bit unsigned integer of entity i's stream. */
  nextU32(i: number): number {
    const s = this.state;
    const o = 4 * i;
    const s0 = s[o]!, s1 = s[o + 1]!, s2 = s[o + 2]!, s3 = s[o + 3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[o + 1] = s1 ^ n2;
    s[o] = s0 ^ n3;
    s[o + 2] = n2 ^ t;
    s[o + 3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(i: number): number {
    const a = this.nextU32(i) >>> 5;
    const b = this.nextU32(i) >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform double in [lo, hi). */
  between(i: number, lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform(i);
  }

  /** Exponential with the given mean (inverse transform). */
  exponential(i: number, mean: number): number {
    return -mean * Math.log(1 - this.uniform(i));
  }

  /** Uniform integer in [0, n). */
  integer(i: number, n: number): number {
    return Math.floor(this.uniform(i) * n);
  }
}

/**
 * Uniform draws in [0, 1) from one named stream, as a plain function: for callers that want a
 * source of numbers (test inputs, initial weights, bootstrap resampling) rather than a stream set.
 */
export function uniformSource(seed: number, name: string): () => number {
  const stream = new StreamSet(seed, name, 1);
  return () => stream.uniform(0);
}
