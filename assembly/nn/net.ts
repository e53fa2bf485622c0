// The two networks of the neural-network policy (policies/neural-network.ts), built inside the engine's memory at
// every policiesInit from the policy's flat parameters (the engine heap is reset per replica, and
// building them costs microseconds). Both compute exactly what the host's MLP kernel (assembly/nn/mlp.ts,
// driven by src/nn/wasm-kernel.ts) computes for the host (the MLP kernel is also exported for training and the bench):
//   TierSelectionNN runs through that very kernel (mlpCreate ... mlpForwardSimd, batch 1).
//   VMCompatibilityNN runs the kernel's own layer functions (mlp-kernels.ts) over the same packed
//   weights, with one exact shortcut: its first five inputs are the task's features, shared by every
//   VM row of a task. The kernels accumulate a neuron as ((b + w0·x0) + w1·x1) + ... in input order,
//   so the accumulators after the five task inputs (the "prefix", computed once per task) are the
//   same f32 values every row would reach; each row then continues from them over its own inputs in
//   the same order. Rows are scored in blocks of 4 (dense4, the last block padded); a row's result
//   does not depend on its block or on being scored alone (dense1): the kernels add the same products
//   in the same order (test/mlp-parity.test.ts checks the variants bit for bit).
//
// Parameters of one network, in order (the neural-network descriptor's encoder writes them,
// src/policies/neural-network.ts): where it runs (0 here, 1 on the host: backend=onnx,
// kernel/host.ts forward), sign (+1 higher-is-better, −1 lower-is-better), output activation
// (MLP_ACT_*), layer count L, sizes[0..L], normalisation mean[sizes[0]] and std[sizes[0]], then,
// when it runs here, per layer its weights (row-major [out][in], f32 values carried as f64) and
// its biases. A network on the host gets the tier row, and for the VMs every row of the tier in VM
// order in one batch (policies/neural-network.ts bestVmOnHost).
import { MLP_ACT_LINEAR, MLP_ACT_SOFTMAX, mlpAllocate, mlpBiasPtr, mlpCommit, mlpCreate, mlpForwardSimd, mlpInputPtr, mlpOutputPtr, mlpSetLayerSize, mlpWeightsPtr } from "./mlp";
import { ROW, dense1, dense4, finishBlock4, finishRow, gather4, packLayer } from "./mlp-kernels";
import { alloc, allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { hostForward } from "../kernel/host";
import { param, paramI32, paramsBad, paramsReject } from "../kernel/params";

/** A network's header: sign, activation, sizes, normalisation (the weights follow in the reader). */
@unmanaged
export class NetHeader {
  onHost: bool;
  sign: f64;
  act: i32;
  layers: i32;
  sizes: usize; // i32[layers + 1]
  mean: usize; // f64[sizes[0]]
  std: usize; // f64[sizes[0]]
}

function readHeader(inputs: i32, outputs: i32): NetHeader {
  const h = changetype<NetHeader>(alloc(offsetof<NetHeader>()));
  const where = paramI32();
  if (where != 0 && where != 1) paramsReject();
  h.onHost = where == 1;
  h.sign = param();
  h.act = paramI32();
  h.layers = paramI32();
  if (h.act != MLP_ACT_LINEAR && h.act != MLP_ACT_SOFTMAX) paramsReject();
  if (h.layers < 1 || h.layers > 64) {
    paramsReject();
    h.layers = 1;
  }
  h.sizes = allocI32(h.layers + 1);
  for (let i = 0; i <= h.layers; i++) {
    const n = paramI32();
    if (n < 1 || n > 1 << 16) paramsReject();
    setI32(h.sizes, i, n < 1 ? 1 : n);
  }
  if (getI32(h.sizes, 0) != inputs || getI32(h.sizes, h.layers) != outputs) paramsReject();
  const n0 = getI32(h.sizes, 0);
  h.mean = allocF64(n0);
  h.std = allocF64(n0);
  for (let j = 0; j < n0; j++) setF64(h.mean, j, param());
  for (let j = 0; j < n0; j++) setF64(h.std, j, param());
  return h;
}

/** Reads `n` f32 values (carried as f64) into p. */
function readF32(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), <f32>param());
}

// @ts-ignore: decorator
@inline function pad4(n: i32): i32 {
  return (n + 3) & ~3;
}

// ---- TierSelectionNN: the host kernel's own model and forward pass ------------------------------
export let tierNet: NetHeader = changetype<NetHeader>(0);
let tierMlp: usize = 0;
/** Where the tier row goes (f32[inputs]) and where the scores come out (f32[outputs]). */
export let tierInput: usize = 0;
export let tierOutput: usize = 0;

export function tierNetRead(inputs: i32, outputs: i32): void {
  const h = readHeader(inputs, outputs);
  if (h.onHost) {
    tierNet = h;
    tierInput = alloc(<usize>inputs << 2);
    tierOutput = alloc(<usize>outputs << 2);
    return;
  }
  tierNet = h;
  const L = h.layers;
  tierMlp = paramsBad() ? 0 : mlpCreate(L, 1, h.act);
  if (tierMlp == 0 || mlpAllocate0(tierMlp, h) != 0) {
    paramsReject();
    return;
  }
  for (let l = 0; l < L; l++) {
    const nIn = getI32(h.sizes, l), nOut = getI32(h.sizes, l + 1);
    readF32(mlpWeightsPtr(tierMlp, l), nIn * nOut);
    readF32(mlpBiasPtr(tierMlp, l), nOut);
  }
  mlpCommit(tierMlp);
  tierInput = mlpInputPtr(tierMlp);
  tierOutput = mlpOutputPtr(tierMlp);
}

function mlpAllocate0(m: usize, h: NetHeader): i32 {
  for (let i = 0; i <= h.layers; i++) if (mlpSetLayerSize(m, i, getI32(h.sizes, i)) != 0) return -1;
  return mlpAllocate(m);
}

/** Scores of the row at tierInput into tierOutput. */
export function tierNetForward(): void {
  if (tierNet.onHost) hostForward(0, tierInput, 1, tierOutput);
  else mlpForwardSimd(tierMlp, 1);
}

// ---- VMCompatibilityNN: split first layer, the kernel's layer functions ---------------------------
export let vmNet: NetHeader = changetype<NetHeader>(0);
/** Inputs shared by all rows of a task (the task features) and the per-row rest. */
export let vmShared: i32 = 0;
export let vmRest: i32 = 0;
let vmPackedW: usize = 0; // usize[layers]: layer 0's slot holds the rest-of-row part
let vmPackedB: usize = 0; // usize[layers]
let vmPrefixW: usize = 0; // layer 0's shared part, packed, with layer 0's real bias
let vmPrefixB: usize = 0;
let vmPads: usize = 0; // i32[layers + 1]
let vmBlocked: bool = true;
/** Task inputs (f32[vmShared], 16-byte aligned) and their first-layer accumulators (f32[pad]). */
export let vmTaskInput: usize = 0;
let vmPrefix: usize = 0;
/** Rows to score: f32[maxRows][vmRest], contiguous (plus v128 slack); scores: f32[maxRows][outputs] (rounded up to whole blocks of 4). */
export let vmRows: usize = 0;
export let vmOutput: usize = 0;
let scratchA: usize = 0;
let scratchB: usize = 0;

/** Backend on the host: whole rows of every VM of a tier (f32[maxRows][inputs]) and their scores. */
export let vmHostRows: usize = 0;
export let vmHostOutput: usize = 0;

export function vmNetRead(inputs: i32, outputs: i32, shared: i32, maxRows: i32): void {
  const h = readHeader(inputs, outputs);
  vmNet = h;
  if (paramsBad()) return;
  const L = h.layers;
  vmShared = shared;
  vmRest = inputs - shared;
  if (h.onHost) {
    const rows = <usize>max(maxRows, 1);
    vmTaskInput = alloc((<usize>pad4(shared) << 2) + 16);
    vmRows = alloc((rows * <usize>vmRest << 2) + 16);
    vmOutput = alloc(rows * <usize>outputs << 2);
    vmHostRows = alloc(rows * <usize>inputs << 2);
    vmHostOutput = alloc(rows * <usize>outputs << 2);
    return;
  }
  vmPads = allocI32(L + 1);
  let maxPad = pad4(vmRest);
  for (let i = 0; i <= L; i++) {
    setI32(vmPads, i, pad4(getI32(h.sizes, i)));
    if (i > 0) maxPad = max(maxPad, pad4(getI32(h.sizes, i)));
  }
  vmBlocked = (<usize>maxPad << 2) <= ROW;
  vmPackedW = alloc(<usize>L << alignof<usize>());
  vmPackedB = alloc(<usize>L << alignof<usize>());
  for (let l = 0; l < L; l++) {
    const nIn = getI32(h.sizes, l), nOut = getI32(h.sizes, l + 1), pOut = getI32(vmPads, l + 1);
    const w = alloc(<usize>(nOut * nIn) << 2);
    const b = alloc(<usize>nOut << 2);
    readF32(w, nIn * nOut);
    readF32(b, nOut);
    const slot = <usize>l << alignof<usize>();
    if (l == 0) {
      // Columns [0, shared) with the bias: the prefix; columns [shared, inputs) with a zero bias
      // (the prefix takes the bias's place when a row is scored).
      const ws = alloc(<usize>(nOut * shared) << 2);
      const wr = alloc(<usize>(nOut * vmRest) << 2);
      for (let j = 0; j < nOut; j++) {
        for (let k = 0; k < shared; k++) store<f32>(ws + (<usize>(j * shared + k) << 2), load<f32>(w + (<usize>(j * nIn + k) << 2)));
        for (let k = 0; k < vmRest; k++) store<f32>(wr + (<usize>(j * vmRest + k) << 2), load<f32>(w + (<usize>(j * nIn + shared + k) << 2)));
      }
      vmPrefixW = alloc(<usize>(pOut * shared) << 2);
      vmPrefixB = alloc(<usize>pOut << 2);
      packLayer(ws, b, vmPrefixW, vmPrefixB, shared, nOut, pOut);
      const pw = alloc(<usize>(pOut * vmRest) << 2);
      const pb = alloc(<usize>pOut << 2);
      packLayer(wr, alloc(<usize>nOut << 2), pw, pb, vmRest, nOut, pOut);
      store<usize>(vmPackedW + slot, pw);
      store<usize>(vmPackedB + slot, pb);
    } else {
      const pw = alloc(<usize>(pOut * nIn) << 2);
      const pb = alloc(<usize>pOut << 2);
      packLayer(w, b, pw, pb, nIn, nOut, pOut);
      store<usize>(vmPackedW + slot, pw);
      store<usize>(vmPackedB + slot, pb);
    }
  }
  vmTaskInput = alloc((<usize>pad4(shared) << 2) + 16);
  vmPrefix = alloc(<usize>getI32(vmPads, 1) << 2);
  const rows = <usize>((max(maxRows, 1) + 3) & ~3); // whole blocks of 4
  vmRows = alloc((rows * <usize>vmRest << 2) + 16);
  vmOutput = alloc(rows * <usize>outputs << 2);
  const scratch = max<usize>(4 * ROW, <usize>maxPad << 2);
  scratchA = alloc(scratch);
  scratchB = alloc(scratch);
}

/** First-layer accumulators of the task inputs at vmTaskInput (once per task, before vmNetForward). */
export function vmNetPrefix(): void {
  // Layer 0 is hidden unless it is the only layer; the prefix is a partial sum either way: no ReLU.
  dense1(vmTaskInput, vmShared, vmPrefixW, vmPrefixB, vmPrefix, getI32(vmPads, 1), false);
}

/** Scores of the first n rows at vmRows into vmOutput (same steps as mlpForwardSimd). */
export function vmNetForward(n: i32): void {
  const L = vmNet.layers;
  const sizes = vmNet.sizes;
  const rest = vmRest;
  const rowIn = <usize>rest << 2;
  const nOut = getI32(sizes, L);
  const rowOut = <usize>nOut << 2;
  const softmax = vmNet.act == MLP_ACT_SOFTMAX;
  let s = 0;
  // Whole blocks of 4, the last one padded with whatever the buffer holds past row n (its results
  // are not read): a lone row costs about what a block costs (dense1 waits on its accumulators'
  // latency, dense4 keeps 8 of them busy), and a row's result does not depend on its neighbours.
  for (; vmBlocked && s < n; s += 4) {
    let x = scratchA;
    gather4(vmRows + <usize>s * rowIn, rowIn, x);
    let y = scratchB;
    for (let l = 0; l < L; l++) {
      const nIn = l == 0 ? rest : getI32(sizes, l);
      const b = l == 0 ? vmPrefix : load<usize>(vmPackedB + (<usize>l << alignof<usize>()));
      dense4(x, nIn, load<usize>(vmPackedW + (<usize>l << alignof<usize>())), b, y, getI32(vmPads, l + 1), l < L - 1);
      const t = x;
      x = y;
      y = t;
    }
    finishBlock4(x, y, vmOutput + <usize>s * rowOut, rowOut, nOut, getI32(vmPads, L), softmax);
  }
  for (; s < n; s++) {
    let x = vmRows + <usize>s * rowIn;
    let y = scratchA;
    for (let l = 0; l < L; l++) {
      const nIn = l == 0 ? rest : getI32(sizes, l);
      const b = l == 0 ? vmPrefix : load<usize>(vmPackedB + (<usize>l << alignof<usize>()));
      dense1(x, nIn, load<usize>(vmPackedW + (<usize>l << alignof<usize>())), b, y, getI32(vmPads, l + 1), l < L - 1);
      x = y;
      y = y == scratchA ? scratchB : scratchA;
    }
    finishRow(x, 4, vmOutput + <usize>s * rowOut, nOut, softmax);
  }
}

/** Backend on the host: the scores of the n whole rows at vmHostRows into vmHostOutput. */
export function vmNetForwardHost(n: i32): void {
  hostForward(1, vmHostRows, n, vmHostOutput);
}
