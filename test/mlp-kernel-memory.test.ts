// Several models share one WASM instance; views stay usable after memory grows; bad calls fail clearly.
import { describe, expect, it } from "vitest";
import { forwardReference, initMlp, randomInputs } from "../src/nn/mlp.ts";
import { loadKernel } from "../src/nn/wasm-kernel.ts";

describe("WASM MLP kernel memory and API", () => {
  it("keeps models independent and refreshes views after memory.grow", async () => {
    const kernel = await loadKernel();
    const tier = initMlp([14, 64, 32, 16, 3], 1, "softmax");
    const vm = initMlp([9, 16, 1], 2, "linear");
    const a = kernel.createMlp(tier, 8);
    const xA = randomInputs(14, 8, 3);
    a.input.set(xA);
    const pagesBefore = kernel.memory.buffer.byteLength;
    const staleView = a.input;
    // A large model forces memory.grow, which detaches every earlier view.
    const big = kernel.createMlp(initMlp([256, 512, 256, 4], 5, "linear"), 4096);
    const b = kernel.createMlp(vm, 4);
    expect(kernel.memory.buffer.byteLength).toBeGreaterThan(pagesBefore);
    expect(staleView.byteLength).toBe(0); // detached, as documented
    expect(Array.from(a.input.subarray(0, xA.length))).toEqual(Array.from(xA)); // data survived
    const xB = randomInputs(9, 4, 6);
    b.input.set(xB);
    big.forward(4096, "simd");
    a.forward(8, "simd");
    b.forward(4, "simd");
    const refA = forwardReference(tier, xA, 8);
    const refB = forwardReference(vm, xB, 4);
    for (let i = 0; i < refA.length; i++) expect(a.output[i]).toBeCloseTo(refA[i]!, 6);
    for (let i = 0; i < refB.length; i++) expect(b.output[i]).toBeCloseTo(refB[i]!, 6);
  });

  it("setWeights replaces the weights in place", async () => {
    const kernel = await loadKernel();
    const m1 = initMlp([5, 7, 3], 1, "softmax");
    const m2 = initMlp([5, 7, 3], 2, "softmax");
    const mlp = kernel.createMlp(m1, 4);
    const x = randomInputs(5, 4, 9);
    mlp.input.set(x);
    mlp.setWeights(m2);
    mlp.forward(4);
    const ref = forwardReference(m2, x, 4);
    for (let i = 0; i < ref.length; i++) expect(mlp.output[i]).toBeCloseTo(ref[i]!, 6);
    expect(() => mlp.setWeights(initMlp([5, 8, 3], 1))).toThrow(/layer sizes/);
  });

  it("rejects out-of-range batches and inconsistent models", async () => {
    const kernel = await loadKernel();
    const mlp = kernel.createMlp(initMlp([3, 4, 2], 1), 8);
    expect(() => mlp.forward(9)).toThrow(RangeError);
    expect(() => mlp.forward(-1)).toThrow(RangeError);
    expect(() => mlp.forward(1.5)).toThrow(RangeError);
    const bad = initMlp([3, 4, 2], 1);
    bad.weights[0] = new Float32Array(5);
    expect(() => kernel.createMlp(bad, 4)).toThrow(/layer 0 weights: expected 4x3 = 12 values, found 5/);
    expect(() => kernel.createMlp(initMlp([14, 3], 1), 100_000_000)).toThrow(/needs more than 1 GiB of WASM memory/);
  });
});
