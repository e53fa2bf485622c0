// Inference through onnxruntime-web's WASM backend in Node: the baseline the WASM kernel is
// compared against, and a way to run any ONNX model (not only the MLPs our kernel handles).

import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-web";
import { ModelError } from "./mlp.ts";

export interface OnnxBackendOptions {
  /** Names the model in error messages, e.g. its file path. */
  source?: string;
  /** Input to feed (default: the model's only input). */
  inputName?: string;
  /** Output to read (default: the model's first output). */
  outputName?: string;
  /** Features per sample, when the model's input shape does not state it. */
  inputSize?: number;
}

export interface OnnxBackend {
  readonly inputName: string;
  readonly outputName: string;
  readonly inputSize: number;
  /** Runs the first `batch` rows of `input` (row-major [batch][inputSize]); resolves to [batch][outputs]. */
  run(input: Float32Array, batch: number): Promise<Float32Array>;
  release(): Promise<void>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Creates an onnxruntime-web session (single-threaded WASM) from ONNX bytes. */
export async function createOnnxBackend(bytes: Uint8Array, opts: OnnxBackendOptions = {}): Promise<OnnxBackend> {
  const src = opts.source ?? "ONNX model";
  // Must be set before the first session initialises the runtime; later sessions share it.
  // One thread keeps comparisons with the single-core WASM kernel fair.
  ort.env.wasm.numThreads = 1;
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  } catch (e) {
    throw new ModelError(`${src}: onnxruntime cannot load the model (${message(e)})`, { cause: e });
  }
  const inputName = opts.inputName ?? session.inputNames[0];
  const outputName = opts.outputName ?? session.outputNames[0];
  if (inputName === undefined || !session.inputNames.includes(inputName)) {
    await session.release();
    throw new ModelError(`${src}: expected input "${opts.inputName ?? "(any)"}", found [${session.inputNames.join(", ")}]`);
  }
  if (outputName === undefined || !session.outputNames.includes(outputName)) {
    await session.release();
    throw new ModelError(`${src}: expected output "${opts.outputName ?? "(any)"}", found [${session.outputNames.join(", ")}]`);
  }
  const meta = session.inputMetadata.find((m) => m.name === inputName);
  const declared = meta?.isTensor ? meta.shape[1] : undefined;
  const inputSize = opts.inputSize ?? (typeof declared === "number" ? declared : undefined);
  if (inputSize === undefined) {
    await session.release();
    throw new ModelError(`${src}: input "${inputName}" does not declare its width: pass inputSize`);
  }
  if (opts.inputSize !== undefined && typeof declared === "number" && declared !== opts.inputSize) {
    await session.release();
    throw new ModelError(`${src}: expected input "${inputName}" of shape [N, ${opts.inputSize}], found [N, ${declared}]`);
  }
  return {
    inputName,
    outputName,
    inputSize,
    async run(input: Float32Array, batch: number): Promise<Float32Array> {
      const n = batch * inputSize;
      if (!Number.isInteger(batch) || batch < 1 || n > input.length) {
        throw new RangeError(`batch must be an integer in [1, ${Math.floor(input.length / inputSize)}], got ${batch}`);
      }
      const tensor = new ort.Tensor("float32", n === input.length ? input : input.subarray(0, n), [batch, inputSize]);
      let out: ort.InferenceSession.OnnxValueMapType;
      try {
        out = await session.run({ [inputName]: tensor });
      } catch (e) {
        throw new ModelError(`${src}: onnxruntime failed to run the model (${message(e)})`, { cause: e });
      }
      const value = out[outputName];
      if (!value || !(value.data instanceof Float32Array)) {
        throw new ModelError(`${src}: output "${outputName}" is not a float32 tensor`);
      }
      return value.data;
    },
    release: () => session.release(),
  };
}

/** Reads an .onnx file and creates a backend for it; errors name the path. */
export async function loadOnnxBackend(path: string, opts: Omit<OnnxBackendOptions, "source"> = {}): Promise<OnnxBackend> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ModelError(`${path}: cannot read file (${message(e)})`, { cause: e });
  }
  return createOnnxBackend(bytes, { ...opts, source: path });
}
