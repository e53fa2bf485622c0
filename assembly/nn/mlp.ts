// Dense MLP forward pass in linear memory: ReLU hidden layers, linear or softmax head.
//
// Protocol (JS side: src/nn/wasm-kernel.ts):
//   h = mlpCreate(nLayers, maxBatch, outputActivation)
//   mlpSetLayerSize(h, i, n) for i = 0..nLayers      (sizes[0] = inputs, sizes[nLayers] = outputs)
//   mlpAllocate(h)                                   (allocates every buffer of this model once)
//   JS writes weights (row-major [out][in], like ONNX Gemm with transB=1) and biases at
//   mlpWeightsPtr(h, l) / mlpBiasPtr(h, l), then mlpCommit(h) repacks them for the SIMD kernel.
//   Per call: JS writes a batch row-major [batch][in] at mlpInputPtr(h), calls
//   mlpForwardSimd(h, batch) or mlpForwardScalar(h, batch), reads [batch][out] at mlpOutputPtr(h).
// Memory comes from the stub runtime's bump allocator (heap.alloc), which grows memory: JS must
// re-take its typed-array views after any allocation (memory.grow detaches them).
//
// Several models may coexist (one header each). The kernels live in mlp-kernels.ts; the scalar and
// SIMD variants are bit-identical (same f32 operations in the same order, see there).

import { ROW, packLayer, finishRow, denseScalar, dense4, dense1, finishBlock4, gather4 } from "./mlp-kernels";

export const MLP_ACT_LINEAR: i32 = 0;
export const MLP_ACT_SOFTMAX: i32 = 1;

const ERR_ARG: i32 = -1;
const ERR_STATE: i32 = -2;
const ERR_SIZE: i32 = -3;
const MAX_MODEL_BYTES: u64 = 1 << 30;

// Header of one model. Pointer tables hold one entry per layer (nLayers entries; sizes has nLayers+1).
@unmanaged
class Mlp {
  nLayers: i32;
  maxBatch: i32;
  outAct: i32;
  state: i32; // 0 = sizes pending, 1 = allocated, 2 = committed
  maxPad: i32; // widest layer rounded up to 4: scratch row stride bound
  sizes: usize; // i32[nLayers + 1]
  pads: usize; // i32[nLayers + 1], sizes rounded up to a multiple of 4
  weights: usize; // usize[nLayers] -> f32[out * in], canonical, written by JS
  biases: usize; // usize[nLayers] -> f32[out], canonical, written by JS
  packedW: usize; // usize[nLayers] -> f32[pad(out) * in], blocked for SIMD (see packLayer)
  packedB: usize; // usize[nLayers] -> f32[pad(out)], zero padded
  input: usize; // f32[maxBatch * in]
  output: usize; // f32[maxBatch * out]
  scratchA: usize; // 4 rows of ROW bytes (or one maxPad row): activations of a block (ping)
  scratchB: usize; // same size (pong)
}

@inline function alloc(bytes: usize): usize {
  // heap.alloc aligns to 16 bytes, which v128 loads like; zeroed so padding lanes read as 0.
  const p = heap.alloc(bytes);
  memory.fill(p, 0, bytes);
  return p;
}

@inline function i32At(table: usize, i: i32): i32 {
  return load<i32>(table + (<usize>i << 2));
}

@inline function ptrAt(table: usize, i: i32): usize {
  return load<usize>(table + (<usize>i << alignof<usize>()));
}

@inline function model(h: usize): Mlp {
  return changetype<Mlp>(h);
}

export function mlpCreate(nLayers: i32, maxBatch: i32, outputActivation: i32): usize {
  if (nLayers < 1 || maxBatch < 1) return 0;
  if (outputActivation != MLP_ACT_LINEAR && outputActivation != MLP_ACT_SOFTMAX) return 0;
  const m = changetype<Mlp>(alloc(offsetof<Mlp>()));
  m.nLayers = nLayers;
  m.maxBatch = maxBatch;
  m.outAct = outputActivation;
  m.sizes = alloc(<usize>(nLayers + 1) << 2);
  m.pads = alloc(<usize>(nLayers + 1) << 2);
  return changetype<usize>(m);
}

export function mlpSetLayerSize(h: usize, index: i32, size: i32): i32 {
  const m = model(h);
  if (m.state != 0 || index < 0 || index > m.nLayers || size < 1) return ERR_ARG;
  store<i32>(m.sizes + (<usize>index << 2), size);
  store<i32>(m.pads + (<usize>index << 2), (size + 3) & ~3);
  return 0;
}

export function mlpAllocate(h: usize): i32 {
  const m = model(h);
  if (m.state != 0) return ERR_STATE;
  const n = m.nLayers;
  let maxPad = 0;
  for (let i = 0; i <= n; i++) {
    if (i32At(m.sizes, i) < 1) return ERR_ARG;
    maxPad = max(maxPad, i32At(m.pads, i));
  }
  // Refuse models whose buffers would not fit wasm32 memory (usize arithmetic would wrap).
  let total: u64 = <u64>(8 * ROW) + (<u64>m.maxBatch * <u64>(i32At(m.sizes, 0) + i32At(m.sizes, n)) << 2);
  for (let l = 0; l < n; l++) total += <u64>i32At(m.pads, l) * <u64>i32At(m.pads, l + 1) << 3;
  if (total > MAX_MODEL_BYTES) return ERR_SIZE;
  m.maxPad = maxPad;
  const tableBytes = <usize>n << alignof<usize>();
  m.weights = alloc(tableBytes);
  m.biases = alloc(tableBytes);
  m.packedW = alloc(tableBytes);
  m.packedB = alloc(tableBytes);
  for (let l = 0; l < n; l++) {
    const nIn = <usize>i32At(m.sizes, l);
    const nOut = <usize>i32At(m.sizes, l + 1);
    const pOut = <usize>i32At(m.pads, l + 1);
    const slot = <usize>l << alignof<usize>();
    store<usize>(m.weights + slot, alloc((nOut * nIn) << 2));
    store<usize>(m.biases + slot, alloc(nOut << 2));
    store<usize>(m.packedW + slot, alloc((pOut * nIn) << 2));
    store<usize>(m.packedB + slot, alloc(pOut << 2));
  }
  const batch = <usize>m.maxBatch;
  // 16 bytes of slack: the SIMD path copies input rows in whole v128 chunks.
  m.input = alloc(((batch * <usize>i32At(m.sizes, 0)) << 2) + 16);
  m.output = alloc((batch * <usize>i32At(m.sizes, n)) << 2);
  const scratch = max<usize>(4 * ROW, <usize>maxPad << 2);
  m.scratchA = alloc(scratch);
  m.scratchB = alloc(scratch);
  m.state = 1;
  return 0;
}

export function mlpLayerCount(h: usize): i32 {
  return model(h).nLayers;
}
export function mlpLayerSize(h: usize, index: i32): i32 {
  const m = model(h);
  return index < 0 || index > m.nLayers ? 0 : i32At(m.sizes, index);
}
export function mlpMaxBatch(h: usize): i32 {
  return model(h).maxBatch;
}
export function mlpWeightsPtr(h: usize, layer: i32): usize {
  const m = model(h);
  return m.state == 0 || layer < 0 || layer >= m.nLayers ? 0 : ptrAt(m.weights, layer);
}
export function mlpBiasPtr(h: usize, layer: i32): usize {
  const m = model(h);
  return m.state == 0 || layer < 0 || layer >= m.nLayers ? 0 : ptrAt(m.biases, layer);
}
export function mlpInputPtr(h: usize): usize {
  return model(h).input;
}
export function mlpOutputPtr(h: usize): usize {
  return model(h).output;
}

// Repacks the canonical weights; call again whenever JS rewrites them.
export function mlpCommit(h: usize): i32 {
  const m = model(h);
  if (m.state == 0) return ERR_STATE;
  for (let l = 0; l < m.nLayers; l++) {
    packLayer(
      ptrAt(m.weights, l), ptrAt(m.biases, l), ptrAt(m.packedW, l), ptrAt(m.packedB, l),
      i32At(m.sizes, l), i32At(m.sizes, l + 1), i32At(m.pads, l + 1),
    );
  }
  m.state = 2;
  return 0;
}

export function mlpForwardScalar(h: usize, batch: i32): i32 {
  const m = model(h);
  if (m.state != 2) return ERR_STATE;
  if (batch < 0 || batch > m.maxBatch) return ERR_ARG;
  const n = m.nLayers;
  const nIn0 = i32At(m.sizes, 0);
  const nOutL = i32At(m.sizes, n);
  for (let s = 0; s < batch; s++) {
    let x = m.input + (<usize>(s * nIn0) << 2);
    let y = m.scratchA;
    for (let l = 0; l < n; l++) {
      denseScalar(
        x, i32At(m.sizes, l), ptrAt(m.weights, l), ptrAt(m.biases, l), y, i32At(m.sizes, l + 1), l < n - 1,
      );
      x = y;
      y = y == m.scratchA ? m.scratchB : m.scratchA;
    }
    finishRow(x, 4, m.output + (<usize>(s * nOutL) << 2), nOutL, m.outAct == MLP_ACT_SOFTMAX);
  }
  return 0;
}

export function mlpForwardSimd(h: usize, batch: i32): i32 {
  const m = model(h);
  if (m.state != 2) return ERR_STATE;
  if (batch < 0 || batch > m.maxBatch) return ERR_ARG;
  const n = m.nLayers;
  const nIn0 = i32At(m.sizes, 0);
  const nOutL = i32At(m.sizes, n);
  const rowIn = <usize>nIn0 << 2;
  const rowOut = <usize>nOutL << 2;
  // Models with a layer wider than a scratch row take the one-sample path for every sample.
  const blocked = (<usize>m.maxPad << 2) <= ROW;
  let s = 0;
  for (; blocked && s + 4 <= batch; s += 4) {
    let x = m.scratchA;
    gather4(m.input + <usize>s * rowIn, rowIn, x);
    let y = m.scratchB;
    for (let l = 0; l < n; l++) {
      dense4(x, i32At(m.sizes, l), ptrAt(m.packedW, l), ptrAt(m.packedB, l), y, i32At(m.pads, l + 1), l < n - 1);
      const t = x;
      x = y;
      y = t;
    }
    finishBlock4(x, y, m.output + <usize>s * rowOut, rowOut, nOutL, i32At(m.pads, n), m.outAct == MLP_ACT_SOFTMAX);
  }
  for (; s < batch; s++) {
    let x = m.input + <usize>s * rowIn;
    let y = m.scratchA;
    for (let l = 0; l < n; l++) {
      dense1(x, i32At(m.sizes, l), ptrAt(m.packedW, l), ptrAt(m.packedB, l), y, i32At(m.pads, l + 1), l < n - 1);
      x = y;
      y = y == m.scratchA ? m.scratchB : m.scratchA;
    }
    finishRow(x, 4, m.output + <usize>s * rowOut, nOutL, m.outAct == MLP_ACT_SOFTMAX);
  }
  return 0;
}
