// Synchronous evaluation of ONNX models through onnxruntime-web. Policy decisions are synchronous
// but ort's session.run is async, so the sessions live on a worker thread and the caller blocks on
// a SharedArrayBuffer with Atomics.wait until the worker has written the outputs. One worker per
// OnnxSync (it holds all the models of one policy instance); each call costs a thread round trip
// (tens of µs): this backend is for parity checks and bring-your-own models, not for speed.
import { Worker } from "node:worker_threads";
import { ModelError } from "./mlp.ts";

const STATE = 0, MODEL = 1, BATCH = 2, OUT_LEN = 3, MSG_LEN = 4;
const S_INIT = 0, S_IDLE = 1, S_REQUEST = 2, S_DONE = 3, S_ERROR = 4;
const HEADER_BYTES = 64;
const MSG_BYTES = 4096;
/** Generous: the first session compiles ort's WASM (~0.7 s). */
const INIT_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 60_000;

export interface OnnxSyncModel {
  bytes: Uint8Array;
  source: string;
  inputName: string;
  outputName: string;
  inputSize: number;
  outputSize: number;
  maxBatch: number;
}

export class OnnxSync {
  private readonly ctrl: Int32Array;
  private readonly input: Float32Array;
  private readonly output: Float32Array;
  private readonly msg: Uint8Array;
  private readonly worker: Worker;

  constructor(private readonly models: readonly OnnxSyncModel[]) {
    const maxIn = Math.max(...models.map((m) => m.maxBatch * m.inputSize));
    const maxOut = Math.max(...models.map((m) => m.maxBatch * m.outputSize));
    const sab = new SharedArrayBuffer(HEADER_BYTES + MSG_BYTES + 4 * (maxIn + maxOut));
    this.ctrl = new Int32Array(sab, 0, 16);
    this.msg = new Uint8Array(sab, HEADER_BYTES, MSG_BYTES);
    this.input = new Float32Array(sab, HEADER_BYTES + MSG_BYTES, maxIn);
    this.output = new Float32Array(sab, HEADER_BYTES + MSG_BYTES + 4 * maxIn, maxOut);
    this.worker = new Worker(new URL("./onnx-worker.mjs", import.meta.url), {
      workerData: {
        sab,
        layout: { header: HEADER_BYTES, msg: MSG_BYTES, maxIn, maxOut },
        models: models.map((m) => ({ ...m, bytes: m.bytes })),
      },
    });
    this.worker.unref();
    this.wait(S_INIT, INIT_TIMEOUT_MS, "starting onnxruntime");
  }

  /** The input buffer of model m (row-major [batch][inputSize]); write a batch here, then run. */
  inputFor(m: number): Float32Array {
    return this.input.subarray(0, this.models[m]!.maxBatch * this.models[m]!.inputSize);
  }

  /** Runs `batch` rows of model m; returns a view of the outputs [batch][outputSize] (valid until the next run). */
  run(m: number, batch: number): Float32Array {
    const model = this.models[m]!;
    Atomics.store(this.ctrl, MODEL, m);
    Atomics.store(this.ctrl, BATCH, batch);
    Atomics.store(this.ctrl, STATE, S_REQUEST);
    Atomics.notify(this.ctrl, STATE);
    this.wait(S_REQUEST, RUN_TIMEOUT_MS, "running the model");
    const n = Atomics.load(this.ctrl, OUT_LEN);
    Atomics.store(this.ctrl, STATE, S_IDLE);
    if (n !== batch * model.outputSize) {
      throw new ModelError(`${model.source}: expected output "${model.outputName}" of shape [N, ${model.outputSize}], found ${n / batch} values per row`);
    }
    return this.output.subarray(0, n);
  }

  close(): void {
    void this.worker.terminate();
  }

  private wait(from: number, timeoutMs: number, what: string): void {
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(this.ctrl, STATE) === from) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`onnx backend: timed out ${what}`);
      Atomics.wait(this.ctrl, STATE, from, Math.min(left, 1000));
    }
    if (Atomics.load(this.ctrl, STATE) === S_ERROR) {
      const len = Atomics.load(this.ctrl, MSG_LEN);
      const text = new TextDecoder().decode(this.msg.slice(0, len));
      void this.worker.terminate();
      throw new ModelError(text);
    }
    if (from === S_INIT && Atomics.load(this.ctrl, STATE) !== S_IDLE) throw new Error("onnx backend: worker in an unexpected state");
    if (from === S_REQUEST && Atomics.load(this.ctrl, STATE) !== S_DONE) throw new Error("onnx backend: worker in an unexpected state");
  }
}
