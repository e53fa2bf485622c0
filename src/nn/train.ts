// A small, deterministic MLP trainer in TypeScript: dense layers with ReLU, a softmax
// cross-entropy or mean-squared-error head, Adam with bias correction, mini-batches, seeded
// shuffling (the project's StreamSet, never Math.random). Float64 throughout, with a fixed order of
// operations, so the same data and seed give bit-identical weights; exported as float32 MlpModel.
import { StreamSet } from "../kernel/random.ts";
import type { MlpModel, OutputActivation } from "./mlp.ts";

export type Loss = "softmax-cross-entropy" | "mse";

/** Float64 parameters of a dense network (weights row-major [out][in], as MlpModel). */
export interface Net {
  sizes: number[];
  w: Float64Array[];
  b: Float64Array[];
}

export function initNet(sizes: number[], seed: number, name: string): Net {
  const rng = new StreamSet(seed, `nn-init:${name}`, 1);
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l]!, nOut = sizes[l + 1]!;
    const limit = Math.sqrt(6 / nIn); // He-uniform (ReLU)
    const wl = new Float64Array(nIn * nOut);
    for (let i = 0; i < wl.length; i++) wl[i] = rng.between(0, -limit, limit);
    w.push(wl);
    b.push(new Float64Array(nOut));
  }
  return { sizes: [...sizes], w, b };
}

export function cloneNet(net: Net): Net {
  return { sizes: [...net.sizes], w: net.w.map((a) => a.slice()), b: net.b.map((a) => a.slice()) };
}

export function netFromMlp(model: MlpModel): Net {
  return { sizes: [...model.layerSizes], w: model.weights.map((a) => Float64Array.from(a)), b: model.biases.map((a) => Float64Array.from(a)) };
}

export function netToMlp(net: Net, outputActivation: OutputActivation, metadata?: Record<string, string>): MlpModel {
  const model: MlpModel = {
    layerSizes: [...net.sizes],
    weights: net.w.map((a) => Float32Array.from(a)),
    biases: net.b.map((a) => Float32Array.from(a)),
    outputActivation,
  };
  if (metadata) model.metadata = metadata;
  return model;
}

/** Scratch for one forward/backward pass of one sample. */
export class Workspace {
  readonly act: Float64Array[]; // act[0] = input, act[l] = post-ReLU of layer l (last: raw logits)
  readonly delta: Float64Array[];
  constructor(readonly sizes: number[]) {
    this.act = sizes.map((n) => new Float64Array(n));
    this.delta = sizes.map((n) => new Float64Array(n));
  }
}

/** Forward one sample (x at xs[o..]) into ws.act; returns the output layer (logits or values). */
export function forward(net: Net, xs: Float64Array, o: number, ws: Workspace): Float64Array {
  const sizes = net.sizes;
  const a0 = ws.act[0]!;
  for (let j = 0; j < sizes[0]!; j++) a0[j] = xs[o + j]!;
  const L = sizes.length - 1;
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l]!, nOut = sizes[l + 1]!;
    const x = ws.act[l]!, y = ws.act[l + 1]!, w = net.w[l]!, b = net.b[l]!;
    const hidden = l < L - 1;
    for (let j = 0; j < nOut; j++) {
      let acc = b[j]!;
      const row = j * nIn;
      for (let k = 0; k < nIn; k++) acc += w[row + k]! * x[k]!;
      y[j] = hidden && acc < 0 ? 0 : acc;
    }
  }
  return ws.act[L]!;
}

/** Softmax of logits into probs (same length). */
export function softmax(logits: Float64Array, probs: Float64Array): void {
  let mx = -Infinity;
  for (let j = 0; j < logits.length; j++) if (logits[j]! > mx) mx = logits[j]!;
  let sum = 0;
  for (let j = 0; j < logits.length; j++) {
    probs[j] = Math.exp(logits[j]! - mx);
    sum += probs[j]!;
  }
  for (let j = 0; j < logits.length; j++) probs[j]! /= sum;
}

/** Backpropagate ws.delta[L] (dLoss/dOutput, already set) and add the gradients to g. */
export function backward(net: Net, ws: Workspace, g: Net): void {
  const sizes = net.sizes;
  const L = sizes.length - 1;
  for (let l = L - 1; l >= 0; l--) {
    const nIn = sizes[l]!, nOut = sizes[l + 1]!;
    const x = ws.act[l]!, d = ws.delta[l + 1]!, w = net.w[l]!, gw = g.w[l]!, gb = g.b[l]!;
    for (let j = 0; j < nOut; j++) {
      const dj = d[j]!;
      if (dj === 0) continue;
      gb[j]! += dj;
      const row = j * nIn;
      for (let k = 0; k < nIn; k++) gw[row + k]! += dj * x[k]!;
    }
    if (l === 0) break;
    const dx = ws.delta[l]!;
    for (let k = 0; k < nIn; k++) {
      if (x[k]! <= 0) {
        dx[k] = 0; // ReLU gate (x is the post-ReLU activation of layer l)
        continue;
      }
      let acc = 0;
      for (let j = 0; j < nOut; j++) acc += w[j * nIn + k]! * d[j]!;
      dx[k] = acc;
    }
  }
}

export function zeroNet(sizes: number[]): Net {
  const w: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    w.push(new Float64Array(sizes[l]! * sizes[l + 1]!));
    b.push(new Float64Array(sizes[l + 1]!));
  }
  return { sizes: [...sizes], w, b };
}

export function fillZero(g: Net): void {
  for (const a of g.w) a.fill(0);
  for (const a of g.b) a.fill(0);
}

/** Adam (Kingma & Ba) with bias correction. */
export class Adam {
  private readonly m: Net;
  private readonly v: Net;
  private t = 0;
  constructor(sizes: number[], readonly lr = 0.001, readonly beta1 = 0.9, readonly beta2 = 0.999, readonly eps = 1e-8) {
    this.m = zeroNet(sizes);
    this.v = zeroNet(sizes);
  }
  /** net -= lr · m̂ / (√v̂ + ε), with g the mean gradient of the mini-batch. */
  step(net: Net, g: Net): void {
    this.t++;
    const c1 = 1 - Math.pow(this.beta1, this.t);
    const c2 = 1 - Math.pow(this.beta2, this.t);
    const upd = (p: Float64Array, gr: Float64Array, m: Float64Array, v: Float64Array) => {
      for (let i = 0; i < p.length; i++) {
        const gi = gr[i]!;
        m[i] = this.beta1 * m[i]! + (1 - this.beta1) * gi;
        v[i] = this.beta2 * v[i]! + (1 - this.beta2) * gi * gi;
        p[i]! -= (this.lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + this.eps);
      }
    };
    for (let l = 0; l < net.w.length; l++) {
      upd(net.w[l]!, g.w[l]!, this.m.w[l]!, this.v.w[l]!);
      upd(net.b[l]!, g.b[l]!, this.m.b[l]!, this.v.b[l]!);
    }
  }
}

export interface Dataset {
  /** Row-major [n][width] normalised inputs. */
  x: Float64Array;
  width: number;
  n: number;
  /** Class labels (softmax-cross-entropy) ... */
  labels?: Int32Array;
  /** ... or regression targets (mse). */
  targets?: Float64Array;
}

export interface EpochLine {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** Classification only. */
  trainAccuracy?: number;
  valAccuracy?: number;
}

export interface TrainOptions {
  hidden: number[];
  outputs: number;
  loss: Loss;
  epochs: number;
  seed: number;
  /** Names the random streams (init, shuffling). */
  name: string;
  /** @default 0.001 */
  learningRate?: number;
  /** @default 32 */
  batchSize?: number;
  /** Share of samples held out for validation. @default 0.2 */
  validationShare?: number;
  /** Optional per-class loss weights (classification). */
  classWeights?: Float64Array;
  onEpoch?: (line: EpochLine) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface TrainResult {
  net: Net;
  history: EpochLine[];
  trainIdx: Int32Array;
  valIdx: Int32Array;
  /** Classification: confusion[true][predicted] on the validation split. */
  confusion?: number[][];
  valAccuracy?: number;
  valLoss: number;
}

/** Fisher–Yates with the project's RNG. */
export function shuffleInPlace(a: Int32Array, rng: StreamSet): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.integer(0, i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** Validation split: a seeded permutation, the last `share` of it held out. */
export function splitIndices(n: number, share: number, seed: number, name: string): { trainIdx: Int32Array; valIdx: Int32Array } {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(idx, new StreamSet(seed, `nn-split:${name}`, 1));
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * share)));
  return { trainIdx: idx.slice(0, n - nVal), valIdx: idx.slice(n - nVal) };
}

/** Loss (and accuracy) of the net over `idx`; fills `confusion` when given (classification). */
export function evaluate(net: Net, data: Dataset, idx: Int32Array, loss: Loss, confusion?: number[][]): { loss: number; accuracy: number } {
  const ws = new Workspace(net.sizes);
  const probs = new Float64Array(net.sizes[net.sizes.length - 1]!);
  let total = 0;
  let correct = 0;
  for (let i = 0; i < idx.length; i++) {
    const s = idx[i]!;
    const out = forward(net, data.x, s * data.width, ws);
    if (loss === "softmax-cross-entropy") {
      softmax(out, probs);
      const y = data.labels![s]!;
      total += -Math.log(Math.max(probs[y]!, 1e-12));
      let arg = 0;
      for (let j = 1; j < probs.length; j++) if (probs[j]! > probs[arg]!) arg = j;
      if (arg === y) correct++;
      if (confusion) confusion[y]![arg]!++;
    } else {
      const d = out[0]! - data.targets![s]!;
      total += d * d;
    }
  }
  const n = Math.max(1, idx.length);
  return { loss: total / n, accuracy: correct / n };
}

/** Supervised training with Adam on mini-batches; deterministic for (data, options). */
export function trainSupervised(data: Dataset, opts: TrainOptions, init?: Net, split?: { trainIdx: Int32Array; valIdx: Int32Array }): TrainResult {
  const sizes = [data.width, ...opts.hidden, opts.outputs];
  const net = init ? cloneNet(init) : initNet(sizes, opts.seed, opts.name);
  const { trainIdx, valIdx } = split ?? splitIndices(data.n, opts.validationShare ?? 0.2, opts.seed, opts.name);
  const order = trainIdx.slice();
  const rng = new StreamSet(opts.seed, `nn-shuffle:${opts.name}`, 1);
  const adam = new Adam(sizes, opts.learningRate ?? 0.001);
  const g = zeroNet(sizes);
  const ws = new Workspace(sizes);
  const probs = new Float64Array(opts.outputs);
  const batch = opts.batchSize ?? 32;
  const L = sizes.length - 1;
  const history: EpochLine[] = [];
  const steps = Math.ceil(order.length / batch);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(order, rng);
    let lossSum = 0;
    let correct = 0;
    for (let s0 = 0, step = 0; s0 < order.length; s0 += batch, step++) {
      const s1 = Math.min(order.length, s0 + batch);
      fillZero(g);
      let weightSum = 0;
      for (let i = s0; i < s1; i++) {
        const s = order[i]!;
        const out = forward(net, data.x, s * data.width, ws);
        const d = ws.delta[L]!;
        if (opts.loss === "softmax-cross-entropy") {
          const y = data.labels![s]!;
          const cw = opts.classWeights ? opts.classWeights[y]! : 1;
          softmax(out, probs);
          lossSum += -Math.log(Math.max(probs[y]!, 1e-12));
          let arg = 0;
          for (let j = 1; j < probs.length; j++) if (probs[j]! > probs[arg]!) arg = j;
          if (arg === y) correct++;
          for (let j = 0; j < probs.length; j++) d[j] = cw * (probs[j]! - (j === y ? 1 : 0));
          weightSum += cw;
        } else {
          const e = out[0]! - data.targets![s]!;
          lossSum += e * e;
          d[0] = 2 * e;
          weightSum += 1;
        }
        backward(net, ws, g);
      }
      const scale = 1 / weightSum;
      for (const a of g.w) for (let i = 0; i < a.length; i++) a[i]! *= scale;
      for (const a of g.b) for (let i = 0; i < a.length; i++) a[i]! *= scale;
      adam.step(net, g);
      opts.onProgress?.((epoch - 1) * steps + step + 1, opts.epochs * steps);
    }
    const val = evaluate(net, data, valIdx, opts.loss);
    const line: EpochLine = { epoch, trainLoss: lossSum / order.length, valLoss: val.loss };
    if (opts.loss === "softmax-cross-entropy") {
      line.trainAccuracy = correct / order.length;
      line.valAccuracy = val.accuracy;
    }
    history.push(line);
    opts.onEpoch?.(line);
  }
  const result: TrainResult = { net, history, trainIdx, valIdx, valLoss: history.at(-1)?.valLoss ?? NaN };
  if (opts.loss === "softmax-cross-entropy") {
    const confusion = Array.from({ length: opts.outputs }, () => new Array<number>(opts.outputs).fill(0));
    const val = evaluate(net, data, valIdx, opts.loss, confusion);
    result.confusion = confusion;
    result.valAccuracy = val.accuracy;
  }
  return result;
}
