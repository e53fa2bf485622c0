// A model exported to ONNX and run by onnxruntime-web agrees with the WASM kernel.
import { describe, expect, it } from "vitest";
import { initMlp, randomInputs } from "../src/nn/mlp.ts";
import { mlpToOnnx } from "../src/nn/onnx.ts";
import { createOnnxBackend } from "../src/nn/onnx-backend.ts";
import { loadKernel } from "../src/nn/wasm-kernel.ts";

describe("onnxruntime-web vs WASM kernel", () => {
  for (const [sizes, act] of [
    [[14, 64, 32, 16, 3], "softmax"],
    [[13, 9, 1], "linear"],
    [[5, 7, 3], "softmax"],
  ] as const) {
    it(`${sizes.join("-")} ${act} agrees within 1e-5 at batch 1 and 33`, async () => {
      const model = initMlp([...sizes], 7, act);
      const kernel = await loadKernel();
      const mlp = kernel.createMlp(model, 33);
      const ort = await createOnnxBackend(mlpToOnnx(model), { source: "test-model.onnx" });
      try {
        expect(ort.inputSize).toBe(sizes[0]);
        for (const batch of [1, 33]) {
          const x = randomInputs(sizes[0], batch, 100 + batch, -2, 2);
          const fromOrt = await ort.run(x, batch);
          mlp.input.set(x);
          mlp.forward(batch, "simd");
          const fromWasm = mlp.output.subarray(0, batch * sizes.at(-1)!);
          expect(fromOrt.length).toBe(fromWasm.length);
          for (let i = 0; i < fromOrt.length; i++) {
            expect(Math.abs(fromOrt[i]! - fromWasm[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(fromOrt[i]!)));
          }
        }
      } finally {
        await ort.release();
      }
    });
  }
});
