// SIMD, scalar and TypeScript forward passes agree on random weights and inputs.
import { beforeAll, describe, expect, it } from "vitest";
import { forwardReference, initMlp, randomInputs, type MlpModel } from "../src/nn/mlp.ts";
import { loadKernel, type Kernel } from "../src/nn/wasm-kernel.ts";

const TOL = 1e-6;

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return d;
}

function runAll(kernel: Kernel, model: MlpModel, x: Float32Array, batch: number) {
  const mlp = kernel.createMlp(model, Math.max(batch, 40));
  mlp.input.set(x);
  const n = batch * mlp.outputSize;
  mlp.forward(batch, "simd");
  const simd = mlp.output.slice(0, n);
  mlp.output.fill(NaN);
  mlp.forward(batch, "scalar");
  const scalar = mlp.output.slice(0, n);
  return { simd, scalar, ref: forwardReference(model, x, batch) };
}

describe("MLP forward pass parity (WASM SIMD vs WASM scalar vs TypeScript)", () => {
  let kernel: Kernel;
  beforeAll(async () => {
    kernel = await loadKernel();
  });

  const shapes: { sizes: number[]; act: "softmax" | "linear" }[] = [
    { sizes: [14, 64, 32, 16, 3], act: "softmax" },
    { sizes: [5, 7, 3], act: "softmax" },
    { sizes: [13, 9, 1], act: "linear" },
    { sizes: [14, 64, 32, 16, 3], act: "linear" },
    { sizes: [1, 1], act: "linear" },
    { sizes: [6, 12, 20, 10], act: "softmax" },
    // Widths past the one-sample kernel's 32-neuron pass: 72 = 2·32 + 8, 44 = 32 + 8 + 4.
    { sizes: [20, 72, 44, 3], act: "softmax" },
    { sizes: [17, 32, 16, 1], act: "linear" },
  ];
  for (const { sizes, act } of shapes) {
    for (const batch of [1, 3, 32, 33]) {
      it(`${sizes.join("-")} ${act}, batch ${batch}`, () => {
        const model = initMlp(sizes, 1000 + sizes.length * 7 + batch, act);
        const x = randomInputs(sizes[0]!, batch, 17 + batch, -2, 2);
        const { simd, scalar, ref } = runAll(kernel, model, x, batch);
        expect(simd.every(Number.isFinite)).toBe(true);
        // The two WASM variants add the same products in the same order: equal bit for bit.
        expect([...new Uint32Array(simd.buffer)]).toEqual([...new Uint32Array(scalar.buffer)]);
        expect(maxDiff(simd, scalar)).toBeLessThanOrEqual(TOL);
        expect(maxDiff(simd, ref)).toBeLessThanOrEqual(TOL);
        expect(maxDiff(scalar, ref)).toBeLessThanOrEqual(TOL);
        if (act === "softmax") {
          for (let s = 0; s < batch; s++) {
            const row = simd.subarray(s * sizes.at(-1)!, (s + 1) * sizes.at(-1)!);
            expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          }
        }
      });
    }
  }

  it("softmax stays accurate for widely spread logits", () => {
    const model = initMlp([4, 8, 5], 3, "softmax");
    model.weights[1] = model.weights[1]!.map((w) => w * 40); // logits spread over ~100
    const x = randomInputs(4, 9, 4, -3, 3);
    const { simd, scalar, ref } = runAll(kernel, model, x, 9);
    expect(maxDiff(simd, ref)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(scalar, ref)).toBeLessThanOrEqual(TOL);
  });

  it("layers wider than the blocked kernel's scratch rows take the one-sample path", () => {
    const model = initMlp([7, 600, 3], 11, "softmax");
    const x = randomInputs(7, 9, 12);
    const { simd, scalar, ref } = runAll(kernel, model, x, 9);
    expect(maxDiff(simd, scalar)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(simd, ref)).toBeLessThanOrEqual(TOL);
  });
});
