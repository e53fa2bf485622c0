// Dense MLP model description shared by the WASM kernel, the ONNX exporter/importer and the
// onnxruntime backend, plus a plain TypeScript forward pass used as the reference in tests.

import { uniformSource } from "../kernel/random.ts";
import { InputError } from "../scenario/errors.ts";

export type OutputActivation = "softmax" | "linear";

/**
 * A feed-forward network: Dense -> ReLU -> ... -> Dense -> (softmax | identity).
 * layerSizes = [inputs, hidden..., outputs]; weights[l] is row-major [out][in]
 * (the layout of ONNX Gemm's B with transB=1 and of PyTorch's nn.Linear.weight);
 * biases[l] has layerSizes[l + 1] entries.
 */
export interface MlpModel {
  layerSizes: number[];
  weights: Float32Array[];
  biases: Float32Array[];
  outputActivation: OutputActivation;
  /** Free-form key/value strings carried through ONNX metadata_props. */
  metadata?: Record<string, string>;
}

/**
 * Any problem with a model's content or file; the message names the source and what was expected.
 * It is an InputError (bad input, not a bug), so the CLI prints the message and exits 2 without a
 * stack; the message is kept verbatim (not InputError's problem-list format).
 */
export class ModelError extends InputError {
  override name = "ModelError";
  constructor(message: string, options?: ErrorOptions) {
    super("model", [{ path: "model", message, fix: "check the model file and its sidecar" }]);
    this.message = message;
    if (options && "cause" in options) Object.defineProperty(this, "cause", { value: options.cause, configurable: true, writable: true });
  }
}

/** Throws ModelError (prefixed with `source`) when sizes and arrays disagree. */
export function validateMlp(model: MlpModel, source = "model"): void {
  const { layerSizes, weights, biases, outputActivation } = model;
  if (layerSizes.length < 2) {
    throw new ModelError(`${source}: expected at least 2 layer sizes, found ${layerSizes.length}`);
  }
  for (const [i, n] of layerSizes.entries()) {
    if (!Number.isInteger(n) || n < 1) {
      throw new ModelError(`${source}: layer size ${i} must be a positive integer, found ${n}`);
    }
  }
  const nLayers = layerSizes.length - 1;
  if (weights.length !== nLayers || biases.length !== nLayers) {
    throw new ModelError(
      `${source}: expected ${nLayers} weight and bias arrays, found ${weights.length} and ${biases.length}`,
    );
  }
  for (let l = 0; l < nLayers; l++) {
    const nIn = layerSizes[l]!;
    const nOut = layerSizes[l + 1]!;
    const w = weights[l]!;
    const b = biases[l]!;
    if (w.length !== nIn * nOut) {
      throw new ModelError(
        `${source}: layer ${l} weights: expected ${nOut}x${nIn} = ${nIn * nOut} values, found ${w.length}`,
      );
    }
    if (b.length !== nOut) {
      throw new ModelError(`${source}: layer ${l} bias: expected ${nOut} values, found ${b.length}`);
    }
  }
  if (outputActivation !== "softmax" && outputActivation !== "linear") {
    throw new ModelError(`${source}: unknown output activation "${String(outputActivation)}"`);
  }
}

export function inputSize(model: MlpModel): number {
  return model.layerSizes[0]!;
}

export function outputSize(model: MlpModel): number {
  return model.layerSizes[model.layerSizes.length - 1]!;
}

/**
 * Reference forward pass over `batch` rows of `input` (row-major [batch][in]).
 * Every step is rounded to f32 in the same order as the WASM kernels (bias first, then inputs
 * in order, product rounded before the add), so hidden layers match them bit for bit; only the
 * softmax differs slightly (f64 exp here, f32 exp in WASM).
 */
export function forwardReference(model: MlpModel, input: Float32Array, batch: number): Float32Array {
  const sizes = model.layerSizes;
  const nLayers = sizes.length - 1;
  const nIn0 = sizes[0]!;
  const nOutL = sizes[nLayers]!;
  if (input.length < batch * nIn0) {
    throw new RangeError(`forwardReference: input holds ${input.length} values, batch ${batch} needs ${batch * nIn0}`);
  }
  const out = new Float32Array(batch * nOutL);
  const fround = Math.fround;
  for (let s = 0; s < batch; s++) {
    let x: Float32Array = input.subarray(s * nIn0, (s + 1) * nIn0);
    for (let l = 0; l < nLayers; l++) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const w = model.weights[l]!;
      const b = model.biases[l]!;
      const y = new Float32Array(nOut);
      const hidden = l < nLayers - 1;
      for (let j = 0; j < nOut; j++) {
        let acc = b[j]!;
        const row = j * nIn;
        for (let k = 0; k < nIn; k++) acc = fround(acc + fround(w[row + k]! * x[k]!));
        y[j] = hidden && acc < 0 ? 0 : acc;
      }
      x = y;
    }
    const o = s * nOutL;
    if (model.outputActivation === "softmax") {
      let mx = -Infinity;
      for (let j = 0; j < nOutL; j++) mx = Math.max(mx, x[j]!);
      let sum = 0;
      for (let j = 0; j < nOutL; j++) sum += Math.exp(x[j]! - mx);
      for (let j = 0; j < nOutL; j++) out[o + j] = Math.exp(x[j]! - mx) / sum;
    } else {
      out.set(x, o);
    }
  }
  return out;
}

/**
 * Seeded He-uniform initialisation (suits ReLU): w ~ U(-sqrt(6/in), sqrt(6/in)), small biases,
 * so activations keep a typical scale through the layers.
 */
export function initMlp(
  layerSizes: number[],
  seed: number,
  outputActivation: OutputActivation = "softmax",
): MlpModel {
  const rand = uniformSource(seed, "mlp-init");
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l + 1 < layerSizes.length; l++) {
    const nIn = layerSizes[l]!;
    const nOut = layerSizes[l + 1]!;
    const limit = Math.sqrt(6 / nIn);
    const w = new Float32Array(nIn * nOut);
    for (let i = 0; i < w.length; i++) w[i] = (rand() * 2 - 1) * limit;
    const b = new Float32Array(nOut);
    for (let i = 0; i < b.length; i++) b[i] = (rand() * 2 - 1) * 0.1;
    weights.push(w);
    biases.push(b);
  }
  const model: MlpModel = { layerSizes: [...layerSizes], weights, biases, outputActivation };
  validateMlp(model, "initMlp");
  return model;
}

/** `batch * size` uniform values in [lo, hi) from `seed`: test and bench inputs. */
export function randomInputs(size: number, batch: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rand = uniformSource(seed, "mlp-inputs");
  const a = new Float32Array(size * batch);
  for (let i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * rand();
  return a;
}
