// Loads build/mecbench.wasm and drives its MLP engine (assembly/nn/mlp.ts).
// Each loadKernel() call makes a fresh instance (own memory): callers decide how to share it.

import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type MlpModel, validateMlp } from "./mlp.ts";
import { projectFile } from "../kernel/project-files.ts";
import type { WasmExports } from "../kernel/wasm-exports.ts";
import { wasmImports } from "../kernel/wasm-host.ts";

export type MlpVariant = "simd" | "scalar";


const REQUIRED_EXPORTS: readonly (keyof WasmExports)[] = [
  "memory", "abiVersion", "MLP_ACT_LINEAR", "MLP_ACT_SOFTMAX", "mlpCreate", "mlpSetLayerSize",
  "mlpAllocate", "mlpCommit", "mlpLayerCount", "mlpLayerSize", "mlpMaxBatch", "mlpWeightsPtr",
  "mlpBiasPtr", "mlpInputPtr", "mlpOutputPtr", "mlpForwardScalar", "mlpForwardSimd",
];

/** One model living in WASM memory. */
export interface WasmMlp {
  /**
   * Live view of the input buffer, row-major [maxBatch][inputSize]: write a batch here, then
   * call forward(). Re-read the property after creating other models in the same kernel
   * (memory growth detaches old views); the getter re-creates the view when that happened.
   */
  readonly input: Float32Array;
  /** Live view of the output buffer, row-major [maxBatch][outputSize]. */
  readonly output: Float32Array;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly maxBatch: number;
  /** Runs the first `batch` rows of `input` into `output`. */
  forward(batch: number, variant?: MlpVariant): void;
  /** Overwrites the weights and biases (same layer sizes) and repacks them. */
  setWeights(model: MlpModel): void;
}

export interface Kernel {
  readonly exports: WasmExports;
  readonly memory: WebAssembly.Memory;
  /** Copies the model's weights into WASM memory once and returns the handle-bound engine. */
  createMlp(model: MlpModel, maxBatch: number): WasmMlp;
  /** Trivial export: measures the JS->WASM call boundary. */
  abiVersion(): number;
}

export interface LoadKernelOptions {
  /** Path or file URL of the .wasm; defaults to build/mecbench.wasm (release build). */
  wasmPath?: string | URL;
  /** Use build/mecbench.debug.wasm (assertions on) when no wasmPath is given. */
  debug?: boolean;
}

function defaultPath(debug: boolean): URL {
  return debug
    ? projectFile("build/mecbench.debug.wasm")
    : projectFile("build/mecbench.wasm");
}

function displayPath(p: string | URL): string {
  return p instanceof URL && p.protocol === "file:" ? fileURLToPath(p) : String(p);
}

function missingError(p: string | URL, cause: unknown): Error {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") {
    return new Error(`WASM module not found at ${displayPath(p)}: run "npm run build:wasm" first`, { cause });
  }
  return new Error(`cannot read WASM module ${displayPath(p)}: ${String(cause)}`, { cause });
}

/** Loads and instantiates the module (a new instance per call). */
export async function loadKernel(opts: LoadKernelOptions = {}): Promise<Kernel> {
  const path = opts.wasmPath ?? defaultPath(opts.debug ?? false);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw missingError(path, e);
  }
  const box: { memory?: WebAssembly.Memory } = {};
  // new Uint8Array(...) gives the ArrayBuffer-backed view the WebAssembly typings want.
  const module = await WebAssembly.compile(new Uint8Array(bytes));
  const instance = await WebAssembly.instantiate(module, makeImports(box));
  return wrap(instance, path, box);
}

/** Synchronous variant (worker start-up, scripts). */
export function loadKernelSync(opts: LoadKernelOptions = {}): Kernel {
  const path = opts.wasmPath ?? defaultPath(opts.debug ?? false);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw missingError(path, e);
  }
  const box: { memory?: WebAssembly.Memory } = {};
  const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), makeImports(box));
  return wrap(instance, path, box);
}

function makeImports(box: { memory?: WebAssembly.Memory }): WebAssembly.Imports {
  // The engine's calls to its host (assembly/engine/host.ts): the kernel never runs the engine.
  const noEngine = (): never => {
    throw new Error("the MLP kernel's instance does not run the engine");
  };
  return wasmImports(box, (message, file, line, col) => new Error(`WASM abort: ${message || "(no message)"} at ${file}:${line}:${col}`), {
    chooseTier: noEngine, forward: noEngine, taskTrace: noEngine, taskEnded: noEngine,
  });
}

function wrap(instance: WebAssembly.Instance, path: string | URL, box: { memory?: WebAssembly.Memory }): Kernel {
  const raw = instance.exports as Record<string, unknown>;
  const missing = REQUIRED_EXPORTS.filter((k) => raw[k] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `WASM module ${displayPath(path)} lacks exports ${missing.join(", ")}: it is stale, run "npm run build:wasm"`,
    );
  }
  const ex = raw as unknown as WasmExports;
  box.memory = ex.memory;
  const actCode = {
    linear: ex.MLP_ACT_LINEAR.value as number,
    softmax: ex.MLP_ACT_SOFTMAX.value as number,
  };
  return {
    exports: ex,
    memory: ex.memory,
    abiVersion: () => ex.abiVersion(),
    createMlp: (model, maxBatch) => createMlp(ex, actCode, model, maxBatch),
  };
}

function createMlp(
  ex: WasmExports,
  actCode: { linear: number; softmax: number },
  model: MlpModel,
  maxBatch: number,
): WasmMlp {
  validateMlp(model);
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
  const sizes = [...model.layerSizes]; // our own copy: later edits to the model must not leak in
  const nLayers = sizes.length - 1;
  const h = ex.mlpCreate(nLayers, maxBatch, actCode[model.outputActivation]);
  if (h === 0) throw new Error("mlpCreate rejected its arguments");
  sizes.forEach((n, i) => check(ex.mlpSetLayerSize(h, i, n), "mlpSetLayerSize"));
  const rc = ex.mlpAllocate(h);
  if (rc === -3) {
    throw new RangeError(`model [${sizes}] with maxBatch ${maxBatch} needs more than 1 GiB of WASM memory`);
  }
  check(rc, "mlpAllocate");
  // Every buffer of this model exists now; views taken below stay valid until the next allocation.
  const nIn = sizes[0]!;
  const nOut = sizes[nLayers]!;
  // i32 results: `>>> 0` keeps pointers above 2 GiB positive.
  const inPtr = ex.mlpInputPtr(h) >>> 0;
  const outPtr = ex.mlpOutputPtr(h) >>> 0;
  let buffer: ArrayBuffer = ex.memory.buffer;
  let input = new Float32Array(buffer, inPtr, maxBatch * nIn);
  let output = new Float32Array(buffer, outPtr, maxBatch * nOut);
  const refresh = (): void => {
    if (buffer !== ex.memory.buffer) {
      buffer = ex.memory.buffer;
      input = new Float32Array(buffer, inPtr, maxBatch * nIn);
      output = new Float32Array(buffer, outPtr, maxBatch * nOut);
    }
  };
  const setWeights = (m: MlpModel): void => {
    validateMlp(m);
    if (m.layerSizes.length !== sizes.length || m.layerSizes.some((n, i) => n !== sizes[i])) {
      throw new RangeError(`setWeights: layer sizes [${m.layerSizes}] differ from [${sizes}]`);
    }
    const mem = ex.memory.buffer;
    for (let l = 0; l < nLayers; l++) {
      new Float32Array(mem, ex.mlpWeightsPtr(h, l) >>> 0, m.weights[l]!.length).set(m.weights[l]!);
      new Float32Array(mem, ex.mlpBiasPtr(h, l) >>> 0, m.biases[l]!.length).set(m.biases[l]!);
    }
    check(ex.mlpCommit(h), "mlpCommit");
  };
  setWeights(model);
  const simd = ex.mlpForwardSimd;
  const scalar = ex.mlpForwardScalar;
  return {
    get input() {
      refresh();
      return input;
    },
    get output() {
      refresh();
      return output;
    },
    inputSize: nIn,
    outputSize: nOut,
    maxBatch,
    forward(batch: number, variant: MlpVariant = "simd"): void {
      if (!(batch >= 0 && batch <= maxBatch) || (batch | 0) !== batch) {
        throw new RangeError(`batch must be an integer in [0, ${maxBatch}], got ${batch}`);
      }
      const rc = variant === "simd" ? simd(h, batch) : scalar(h, batch);
      if (rc !== 0) throw new Error(`mlpForward (${variant}) failed with code ${rc}`);
    },
    setWeights,
  };
}

/** The message createMlp throws when a model's buffers would exceed the kernel's 1 GiB (assembly/nn/mlp.ts mlpAllocate). */
export function mlpMemoryError(sizes: readonly number[], maxBatch: number): RangeError | undefined {
  const pad = (n: number) => (n + 3) & ~3;
  const n = sizes.length - 1;
  let total = 8 * 2064 + maxBatch * (sizes[0]! + sizes[n]!) * 4; // 2064: the kernel's scratch ROW
  for (let l = 0; l < n; l++) total += pad(sizes[l]!) * pad(sizes[l + 1]!) * 8;
  return total > 2 ** 30 ? new RangeError(`model [${sizes}] with maxBatch ${maxBatch} needs more than 1 GiB of WASM memory`) : undefined;
}

function check(rc: number, what: string): void {
  if (rc !== 0) throw new Error(`${what} failed with code ${rc}`);
}
