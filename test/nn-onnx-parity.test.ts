// The exported ONNX model (run by onnxruntime-web, async and through the synchronous worker) and
// the WASM kernel agree within 1e-5 on the same inputs; so do the policy's two backends.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StreamSet } from "../src/kernel/random.ts";
import { TIER_FEATURES, VM_FEATURES } from "../src/nn/features.ts";
import { randomInputs } from "../src/nn/mlp.ts";
import { loadModel, writeModelFiles } from "../src/nn/model-set.ts";
import { createOnnxBackend } from "../src/nn/onnx-backend.ts";
import { OnnxSync } from "../src/nn/onnx-sync.ts";
import { netToMlp, trainSupervised } from "../src/nn/train.ts";
import { loadKernelSync } from "../src/nn/wasm-kernel.ts";
import { runReplica } from "../src/engine/run.ts";
import { sidecarFor, twoTierWorld, writeModelSet } from "./helpers/nn.ts";

function trainedTierModel() {
  const rng = new StreamSet(4, "parity", 1);
  const w = TIER_FEATURES.length;
  const n = 400;
  const x = new Float64Array(n * w);
  const labels = new Int32Array(n);
  for (let i = 0; i < n * w; i++) x[i] = rng.between(0, -2, 2);
  for (let i = 0; i < n; i++) labels[i] = x[i * w]! > x[i * w + 1]! ? 0 : x[i * w + 2]! > 0 ? 1 : 2;
  const r = trainSupervised({ x, width: w, n, labels }, { hidden: [64, 32, 16], outputs: 3, loss: "softmax-cross-entropy", epochs: 3, seed: 1, name: "parity" });
  return netToMlp(r.net, "softmax");
}

describe("ONNX export vs WASM kernel", () => {
  it("onnxruntime-web and the AssemblyScript kernel agree within 1e-5", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mecbench-parity-"));
    const path = join(dir, "tier-selection.onnx");
    writeModelFiles(path, trainedTierModel(), sidecarFor("tier-selection", "tier-selection.onnx"));
    const loaded = loadModel(path, "tier-selection", true);
    const batch = 64;
    const input = randomInputs(TIER_FEATURES.length, batch, 11, -3, 3);
    const kernel = loadKernelSync().createMlp(loaded.mlp!, batch);
    kernel.input.set(input);
    kernel.forward(batch, "simd");
    const wasm = kernel.output.slice(0, batch * 3);
    const ort = await createOnnxBackend(loaded.bytes, { source: path });
    const viaOrt = await ort.run(input, batch);
    await ort.release();
    const sync = new OnnxSync([{ bytes: loaded.bytes, source: path, inputName: "features", outputName: "scores", inputSize: TIER_FEATURES.length, outputSize: 3, maxBatch: batch }]);
    sync.inputFor(0).set(input);
    const viaSync = sync.run(0, batch).slice();
    sync.close();
    let d1 = 0, d2 = 0;
    for (let i = 0; i < wasm.length; i++) {
      d1 = Math.max(d1, Math.abs(wasm[i]! - viaOrt[i]!));
      d2 = Math.max(d2, Math.abs(wasm[i]! - viaSync[i]!));
    }
    expect(d1).toBeLessThan(1e-5);
    expect(d2).toBeLessThan(1e-5);
  });

  it("the policy decides the same on the wasm and onnx backends", () => {
    const resolved = twoTierWorld();
    const dir = writeModelSet([0.2, 0.1, 0.3], { "vm.mips_per_core_k": [1], "vm.utilization": [-2] });
    void VM_FEATURES;
    // 1100 s: the world's devices emit their first task at 1000 s (30 s ran no task at all).
    const a = runReplica(resolved, "neural-network", { devices: 3, seed: 2, durationS: 1100, warmupS: 0, policyOptions: { modelDir: dir } });
    const b = runReplica(resolved, "neural-network", { devices: 3, seed: 2, durationS: 1100, warmupS: 0, policyOptions: { modelDir: dir, backend: "onnx" } });
    expect(b.policyStats).toEqual(a.policyStats);
    expect(b.metrics.serviceTimeS).toBe(a.metrics.serviceTimeS);
  });
});
