// Worker thread of src/nn/onnx-sync.ts: holds onnxruntime-web sessions and serves synchronous
// requests posted through a SharedArrayBuffer (plain JavaScript, so it loads without a TypeScript
// loader in any runner). Protocol: ctrl[0] state (0 init, 1 idle, 2 request, 3 done, 4 error),
// ctrl[1] model index, ctrl[2] batch, ctrl[3] output length, ctrl[4] error message length.
import { workerData } from "node:worker_threads";
import * as ort from "onnxruntime-web";

const { sab, layout, models } = workerData;
const ctrl = new Int32Array(sab, 0, 16);
const msg = new Uint8Array(sab, layout.header, layout.msg);
const input = new Float32Array(sab, layout.header + layout.msg, layout.maxIn);
const output = new Float32Array(sab, layout.header + layout.msg + 4 * layout.maxIn, layout.maxOut);

function fail(text) {
  const bytes = new TextEncoder().encode(text).subarray(0, msg.length);
  msg.set(bytes);
  Atomics.store(ctrl, 4, bytes.length);
  Atomics.store(ctrl, 0, 4);
  Atomics.notify(ctrl, 0);
}

const message = (e) => (e instanceof Error ? e.message : String(e));

async function main() {
  ort.env.wasm.numThreads = 1;
  const sessions = [];
  for (const m of models) {
    let session;
    try {
      session = await ort.InferenceSession.create(new Uint8Array(m.bytes), { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
    } catch (e) {
      return fail(`${m.source}: onnxruntime cannot load the model (${message(e)})`);
    }
    if (!session.inputNames.includes(m.inputName)) {
      return fail(`${m.source}: expected input "${m.inputName}", found [${session.inputNames.join(", ")}]`);
    }
    if (!session.outputNames.includes(m.outputName)) {
      return fail(`${m.source}: expected output "${m.outputName}", found [${session.outputNames.join(", ")}]`);
    }
    // Probe with one zero row: checks the input width and the output width before any decision.
    try {
      const out = await session.run({ [m.inputName]: new ort.Tensor("float32", new Float32Array(m.inputSize), [1, m.inputSize]) });
      const n = out[m.outputName].data.length;
      if (n !== m.outputSize) return fail(`${m.source}: expected output "${m.outputName}" of shape [N, ${m.outputSize}], found [1, ${n}]`);
    } catch (e) {
      return fail(`${m.source}: expected input "${m.inputName}" of shape [N, ${m.inputSize}]; onnxruntime refused it (${message(e)})`);
    }
    sessions.push(session);
  }
  Atomics.store(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
  for (;;) {
    Atomics.wait(ctrl, 0, 1);
    if (Atomics.load(ctrl, 0) !== 2) continue;
    const k = Atomics.load(ctrl, 1);
    const batch = Atomics.load(ctrl, 2);
    const m = models[k];
    try {
      // Copy out of the shared buffer: ort wants an ordinary ArrayBuffer-backed tensor.
      const x = input.slice(0, batch * m.inputSize);
      const out = await sessions[k].run({ [m.inputName]: new ort.Tensor("float32", x, [batch, m.inputSize]) });
      const data = out[m.outputName].data;
      output.set(data.subarray(0, Math.min(data.length, output.length)));
      Atomics.store(ctrl, 3, data.length);
      Atomics.store(ctrl, 0, 3);
      Atomics.notify(ctrl, 0);
    } catch (e) {
      fail(`${m.source}: onnxruntime failed to run the model (${message(e)})`);
      return;
    }
  }
}

main().catch((e) => fail(`onnx worker: ${message(e)}`));
