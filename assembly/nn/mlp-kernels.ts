// Compute kernels of the MLP engine (assembly/nn/mlp.ts owns the model header and the API).
//
// Every kernel accumulates a neuron as ((b + w0*x0) + w1*x1) + ... in f32 with separate mul and
// add (no FMA), and the output activation uses the same operations in scalar and f32x4 form, so
// the scalar and SIMD forward passes are bit-identical.

// Packed layout of one layer: neurons are grouped in blocks of 8 (a last block of 4 when the padded
// width is 4 mod 8). Block starting at neuron j0 with width bw occupies floats [j0*in, (j0+bw)*in)
// as [k][bw]: the bw weights that input k feeds are contiguous, so one or two v128 loads per input
// serve every sample of the block. Neurons beyond the real width get zero weights and bias.
export function packLayer(w: usize, b: usize, pw: usize, pb: usize, nIn: i32, nOut: i32, pOut: i32): void {
  for (let j0 = 0; j0 < pOut; j0 += 8) {
    const bw = pOut - j0 >= 8 ? 8 : 4;
    const base = pw + (<usize>(j0 * nIn) << 2);
    for (let k = 0; k < nIn; k++) {
      for (let t = 0; t < bw; t++) {
        const j = j0 + t;
        const v: f32 = j < nOut ? load<f32>(w + (<usize>(j * nIn + k) << 2)) : 0;
        store<f32>(base + (<usize>(k * bw + t) << 2), v);
      }
    }
  }
  for (let j = 0; j < pOut; j++) {
    store<f32>(pb + (<usize>j << 2), j < nOut ? load<f32>(b + (<usize>j << 2)) : 0);
  }
}

// ---- output activation (shared by both variants so they stay bit-identical) ----
// Softmax uses its own exp (Cephes expf: Cody-Waite reduction + degree-5 polynomial, ~1 ulp) in
// a scalar and an f32x4 form with the same operations in the same order, so the SIMD path can
// compute 4 samples' softmax at once and still match the scalar path bit for bit. Mathf.exp has
// no vector form and cost ~5% of the whole forward pass.

const EXP_LO: f32 = -87.33654; // exp(EXP_LO) ~ 2^-126, smallest normal: softmax inputs are <= 0
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;

// exp(x) for x <= 0.
@inline function expNeg(x0: f32): f32 {
  const x1 = x0 < EXP_LO ? EXP_LO : x0;
  const n = nearest<f32>(x1 * LOG2E);
  const r = (x1 - n * LN2_HI) - n * LN2_LO;
  const z = r * r;
  let p = P0 * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  const y = (p * z + r) + 1;
  // asc enables nontrapping-f2i by default: <i32> is i32.trunc_sat_f32_s, like the vector form,
  // so a NaN logit yields NaN instead of trapping.
  return y * reinterpret<f32>((<i32>n + 127) << 23);
}

@inline function expNeg4(x0: v128): v128 {
  const x1 = f32x4.pmax(x0, f32x4.splat(EXP_LO));
  const n = f32x4.nearest(f32x4.mul(x1, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x1, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  const z = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  const y = f32x4.add(f32x4.add(f32x4.mul(p, z), r), f32x4.splat(1));
  const e = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, e);
}

// src: n logits `stride` bytes apart, dst: n results (contiguous).
@inline export function finishRow(src: usize, stride: usize, dst: usize, n: i32, softmax: bool): void {
  if (softmax) {
    let mx = load<f32>(src);
    for (let j = 1; j < n; j++) {
      const v = load<f32>(src + <usize>j * stride);
      mx = mx < v ? v : mx; // = f32x4.pmax(mx, v)
    }
    let sum: f32 = 0;
    for (let j = 0; j < n; j++) {
      const e = expNeg(load<f32>(src + <usize>j * stride) - mx);
      store<f32>(dst + (<usize>j << 2), e);
      sum += e;
    }
    const inv: f32 = 1 / sum;
    for (let j = 0; j < n; j++) {
      const o = dst + (<usize>j << 2);
      store<f32>(o, load<f32>(o) * inv);
    }
  } else {
    for (let j = 0; j < n; j++) store<f32>(dst + (<usize>j << 2), load<f32>(src + <usize>j * stride));
  }
}

// ---- scalar variant: one sample at a time over the canonical weights ----

@inline function relu(v: f32): f32 {
  // `v < 0 ? 0 : v` is what f32x4.pmax(v, 0) computes: keeps both variants bit-identical.
  return v < 0 ? 0 : v;
}

export function denseScalar(x: usize, nIn: i32, w: usize, b: usize, y: usize, nOut: i32, isHidden: bool): void {
  for (let j = 0; j < nOut; j++) {
    let acc = load<f32>(b + (<usize>j << 2));
    const row = w + (<usize>(j * nIn) << 2);
    for (let k = 0; k < nIn; k++) {
      acc += load<f32>(row + (<usize>k << 2)) * load<f32>(x + (<usize>k << 2));
    }
    store<f32>(y + (<usize>j << 2), isHidden ? relu(acc) : acc);
  }
}

// ---- SIMD variant ----
// Samples go through the network in blocks of 4 (dense4): per input k, two v128 loads fetch the
// weights of 8 neurons (packed [k][8]) and 4 load32_splat broadcast x[s][k] of each sample, feeding
// 4 samples x 8 neurons = 8 f32x4 accumulators. V8 schedules a loop body's loads before its
// arithmetic, so accumulators + loaded values must fit its 15 usable xmm registers: 8 + 6 does,
// which is why the loop is neither wider nor unrolled (unrolling spilled and ran 20% slower).
// The batch tail (batch % 4 samples) and batch 1 run dense1 over the same packed weights.

@inline function mac(acc: v128, w: v128, x: v128): v128 {
  // Separate mul and add (not FMA): rounds exactly like the scalar `acc += w * x`.
  return f32x4.add(acc, f32x4.mul(w, x));
}

// Scratch rows of a 4-sample block are ROW bytes apart: a compile-time stride lets one pointer
// plus immediate offsets address all 4 samples (no per-sample address arithmetic in the loop).
export const ROW: usize = 2064;

/**
 * Copy 4 consecutive input rows of rowIn bytes from src into dst at the fixed ROW stride (dense4's
 * layout). v128 chunks may read up to 12 bytes past a row (input buffers have slack) and write
 * padding the next layer ignores; memory.copy is a runtime call in V8 and cost ~5% here.
 */
// @ts-ignore: decorator
@inline export function gather4(src: usize, rowIn: usize, dst: usize): void {
  for (let o: usize = 0; o < rowIn; o += 16) {
    const p = src + o;
    const q = dst + o;
    v128.store(q, v128.load(p), 0);
    v128.store(q, v128.load(p + rowIn), ROW);
    v128.store(q, v128.load(p + 2 * rowIn), 2 * ROW);
    v128.store(q, v128.load(p + 3 * rowIn), 3 * ROW);
  }
}

// x: 4 rows ROW apart (row-major, nIn used); y: 4 rows ROW apart, pOut written.
export function dense4(x: usize, nIn: i32, w: usize, b: usize, y: usize, pOut: i32, isHidden: bool): void {
  const zero = f32x4.splat(0);
  const xEnd = x + (<usize>nIn << 2);
  let j = 0;
  for (; j + 8 <= pOut; j += 8) {
    const bp = b + (<usize>j << 2);
    let a00 = v128.load(bp), a01 = v128.load(bp, 16);
    let a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
    let wp = w + (<usize>(j * nIn) << 2);
    for (let xp = x; xp < xEnd; xp += 4) {
      const w0 = v128.load(wp), w1 = v128.load(wp, 16);
      let v = v128.load32_splat(xp, 0);
      a00 = mac(a00, w0, v); a01 = mac(a01, w1, v);
      v = v128.load32_splat(xp, ROW);
      a10 = mac(a10, w0, v); a11 = mac(a11, w1, v);
      v = v128.load32_splat(xp, 2 * ROW);
      a20 = mac(a20, w0, v); a21 = mac(a21, w1, v);
      v = v128.load32_splat(xp, 3 * ROW);
      a30 = mac(a30, w0, v); a31 = mac(a31, w1, v);
      wp += 32;
    }
    if (isHidden) {
      a00 = f32x4.pmax(a00, zero); a01 = f32x4.pmax(a01, zero);
      a10 = f32x4.pmax(a10, zero); a11 = f32x4.pmax(a11, zero);
      a20 = f32x4.pmax(a20, zero); a21 = f32x4.pmax(a21, zero);
      a30 = f32x4.pmax(a30, zero); a31 = f32x4.pmax(a31, zero);
    }
    const yp = y + (<usize>j << 2);
    v128.store(yp, a00, 0); v128.store(yp, a01, 16);
    v128.store(yp, a10, ROW); v128.store(yp, a11, ROW + 16);
    v128.store(yp, a20, 2 * ROW); v128.store(yp, a21, 2 * ROW + 16);
    v128.store(yp, a30, 3 * ROW); v128.store(yp, a31, 3 * ROW + 16);
  }
  if (j < pOut) {
    // Last block of 4 neurons (packed as [k][4]).
    let a0 = v128.load(b + (<usize>j << 2));
    let a1 = a0, a2 = a0, a3 = a0;
    let wp = w + (<usize>(j * nIn) << 2);
    for (let xp = x; xp < xEnd; xp += 4) {
      const w0 = v128.load(wp);
      a0 = mac(a0, w0, v128.load32_splat(xp, 0));
      a1 = mac(a1, w0, v128.load32_splat(xp, ROW));
      a2 = mac(a2, w0, v128.load32_splat(xp, 2 * ROW));
      a3 = mac(a3, w0, v128.load32_splat(xp, 3 * ROW));
      wp += 16;
    }
    if (isHidden) {
      a0 = f32x4.pmax(a0, zero); a1 = f32x4.pmax(a1, zero);
      a2 = f32x4.pmax(a2, zero); a3 = f32x4.pmax(a3, zero);
    }
    const yp = y + (<usize>j << 2);
    v128.store(yp, a0, 0);
    v128.store(yp, a1, ROW);
    v128.store(yp, a2, 2 * ROW);
    v128.store(yp, a3, 3 * ROW);
  }
}

// One sample, row-major (the batch tail, and batch 1): same packed weights, same summation
// order. Inputs are unrolled by 2 so V8's loop overhead is paid once per 8 vector ops.
export function dense1(x: usize, nIn: i32, w: usize, b: usize, y: usize, pOut: i32, isHidden: bool): void {
  const zero = f32x4.splat(0);
  const xEnd = x + (<usize>nIn << 2);
  const xEnd2 = x + (<usize>(nIn & ~1) << 2);
  let j = 0;
  for (; j + 8 <= pOut; j += 8) {
    const bp = b + (<usize>j << 2);
    let a0 = v128.load(bp), a1 = v128.load(bp, 16);
    let wp = w + (<usize>(j * nIn) << 2);
    let xp = x;
    for (; xp < xEnd2; xp += 8) {
      const v0 = v128.load32_splat(xp, 0), v1 = v128.load32_splat(xp, 4);
      const w0 = v128.load(wp, 0), w1 = v128.load(wp, 16), w2 = v128.load(wp, 32), w3 = v128.load(wp, 48);
      a0 = mac(mac(a0, w0, v0), w2, v1);
      a1 = mac(mac(a1, w1, v0), w3, v1);
      wp += 64;
    }
    if (xp < xEnd) {
      const v = v128.load32_splat(xp);
      a0 = mac(a0, v128.load(wp, 0), v);
      a1 = mac(a1, v128.load(wp, 16), v);
    }
    if (isHidden) {
      a0 = f32x4.pmax(a0, zero);
      a1 = f32x4.pmax(a1, zero);
    }
    const yp = y + (<usize>j << 2);
    v128.store(yp, a0, 0);
    v128.store(yp, a1, 16);
  }
  if (j < pOut) {
    let a0 = v128.load(b + (<usize>j << 2));
    let wp = w + (<usize>(j * nIn) << 2);
    for (let xp = x; xp < xEnd; xp += 4) {
      a0 = mac(a0, v128.load(wp), v128.load32_splat(xp));
      wp += 16;
    }
    if (isHidden) a0 = f32x4.pmax(a0, zero);
    v128.store(y + (<usize>j << 2), a0);
  }
}

// Output activation of a 4-sample block: x holds 4 rows ROW apart; z is free scratch.
export function finishBlock4(x: usize, z: usize, out: usize, rowOut: usize, nOut: i32, pOut: i32, softmax: bool): void {
  if (!softmax) {
    for (let t: usize = 0; t < 4; t++) finishRow(x + t * ROW, 4, out + t * rowOut, nOut, false);
    return;
  }
  // Transpose to [pOut][4] so each v128 holds one logit of the 4 samples.
  for (let j = 0; j < pOut; j += 4) {
    const p = x + (<usize>j << 2);
    const r0 = v128.load(p, 0), r1 = v128.load(p, ROW), r2 = v128.load(p, 2 * ROW), r3 = v128.load(p, 3 * ROW);
    const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
    const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
    const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
    const q = z + (<usize>j << 4);
    v128.store(q, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5), 0);
    v128.store(q, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
    v128.store(q, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
    v128.store(q, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
  }
  // Same steps as finishRow, lane-wise.
  let mx = v128.load(z);
  for (let j = 1; j < nOut; j++) mx = f32x4.pmax(mx, v128.load(z + (<usize>j << 4)));
  let sum = f32x4.splat(0);
  for (let j = 0; j < nOut; j++) {
    const q = z + (<usize>j << 4);
    const e = expNeg4(f32x4.sub(v128.load(q), mx));
    v128.store(q, e);
    sum = f32x4.add(sum, e);
  }
  const inv = f32x4.div(f32x4.splat(1), sum);
  for (let j = 0; j < nOut; j++) {
    const q = z + (<usize>j << 4);
    v128.store(q, f32x4.mul(v128.load(q), inv));
  }
  for (let t: usize = 0; t < 4; t++) {
    const o = out + t * rowOut;
    for (let j = 0; j < nOut; j++) store<f32>(o + (<usize>j << 2), load<f32>(z + (<usize>j << 4) + (t << 2)));
  }
}
