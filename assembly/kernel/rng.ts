// Random streams, a port of src/engine/rng.ts that produces the same bits: FNV-1a stream names,
// splitmix32 seeding, xoshiro128** per entity (4 u32 words per stream, entity i at p + 16 i).
// A stream set is a pointer to its state words.
import { alloc } from "./mem";
import { ln } from "./math";

/** 32-bit FNV-1a of a string (UTF-16 code units, as String.charCodeAt). */
export function hashName(name: string): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= <u32>name.charCodeAt(i);
    h = h * 0x01000193;
  }
  return h;
}

export function splitmix32(x: u32): u32 {
  x = x + 0x9e3779b9;
  x = (x ^ (x >>> 16)) * 0x85ebca6b;
  x = (x ^ (x >>> 13)) * 0xc2b2ae35;
  return x ^ (x >>> 16);
}

/** deriveSeed(seed, name, i) of the TypeScript side; seed is a non-negative integer below 2^53. */
export function deriveSeed(seed: f64, name: string, i: i32): u32 {
  const s = <i64>seed;
  let h = splitmix32(<u32>s ^ splitmix32(<u32>(s >> 32)));
  h = splitmix32(h ^ hashName(name));
  return splitmix32(h ^ splitmix32(<u32>i));
}

/** `count` generators, entity i seeded from (seed, name, i). */
export function streamsCreate(seed: f64, name: string, count: i32): usize {
  const p = alloc(<usize>count << 4);
  for (let i = 0; i < count; i++) {
    let s = deriveSeed(seed, name, i);
    const o = p + (<usize>i << 4);
    for (let w: u32 = 0; w < 4; w++) {
      s = splitmix32(s + w);
      store<u32>(o + (<usize>w << 2), s);
    }
    if ((load<u32>(o) | load<u32>(o, 4) | load<u32>(o, 8) | load<u32>(o, 12)) == 0) store<u32>(o, 1);
  }
  return p;
}

// @ts-ignore: decorator
@inline export function nextU32(p: usize, i: i32): u32 {
  const o = p + (<usize>i << 4);
  const s0 = load<u32>(o), s1 = load<u32>(o, 4), s2 = load<u32>(o, 8), s3 = load<u32>(o, 12);
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  store<u32>(o, s0 ^ n3);
  store<u32>(o, s1 ^ n2, 4);
  store<u32>(o, n2 ^ t, 8);
  store<u32>(o, rotl<u32>(n3, 11), 12);
  return result;
}

/** Uniform double in [0, 1) with 53 random bits. */
// @ts-ignore: decorator
@inline export function uniform(p: usize, i: i32): f64 {
  const a = nextU32(p, i) >>> 5;
  const b = nextU32(p, i) >>> 6;
  return (<f64>a * 67108864.0 + <f64>b) / 9007199254740992.0;
}

export function between(p: usize, i: i32, lo: f64, hi: f64): f64 {
  return lo + (hi - lo) * uniform(p, i);
}

/** Exponential with the given mean (inverse transform). */
// @ts-ignore: decorator
@inline export function exponential(p: usize, i: i32, mean: f64): f64 {
  return -mean * ln(1 - uniform(p, i));
}

/** Uniform integer in [0, n). */
export function integer(p: usize, i: i32, n: i32): i32 {
  return <i32>Math.floor(uniform(p, i) * <f64>n);
}
