// Natural logarithm, bit-identical to V8's Math.log: a port of fdlibm's __ieee754_log (the routine
// V8 uses, src/base/ieee754.cc), same constants, same operation order, no fused multiply-add.
// AssemblyScript's own Math.log (musl) differs from V8 in the last ulp for ~3 % of inputs, which
// would make the engine's draws differ from the host's streams (src/kernel/random.ts); this keeps the exponential sampler
// exact without a host call per draw. test/wasm-rng.test.ts checks it against Math.log.

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const TWO54: f64 = 1.80143985094819840000e+16;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

export function ln(x: f64): f64 {
  let hx = <i32>(reinterpret<u64>(x) >> 32);
  const lx = <u32>reinterpret<u64>(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = <i32>(reinterpret<u64>(x) >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  // normalize x or x/2
  x = reinterpret<f64>((reinterpret<u64>(x) & 0xffffffff) | (<u64>(<u32>(hx | (i ^ 0x3ff00000))) << 32));
  k += i >> 20;
  const f = x - 1.0;
  let dk: f64;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f == 0) {
      if (k == 0) return 0;
      dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    dk = <f64>k;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  // fdlibm's k == 0 shortcuts are left out: with dk = 0 the general forms give the same bits (dk * LN2_LO
  // and dk * LN2_HI are +0, +0 - (a - f) is f - a, zero included, as |f| >= 2^-20 here). Both forms
  // are computed and one selected: which one depends on the mantissa, a branch mispredicted half the
  // time for the uniform draws of the exponential sampler.
  const hfsq = 0.5 * f * f;
  const a = dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  const b = dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  return select<f64>(a, b, i > 0);
}
